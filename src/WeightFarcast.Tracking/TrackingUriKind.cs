namespace WeightFarcast.Tracking;

/// <summary>Which back end a tracking URI selects.</summary>
public enum TrackingUriKind
{
    None,
    Folder,
    Server,
}
