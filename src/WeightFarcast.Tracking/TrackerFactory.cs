namespace WeightFarcast.Tracking;

/// <summary>Builds the tracker a URI asks for: none, an mlruns folder, or an MLflow server (optionally with a local fallback folder).</summary>
public static class TrackerFactory
{
    public static ITracker Create(TrackingOptions options, TrackingEnvironment environment)
    {
        var uri = TrackingUri.Parse(options.Uri, environment.GetVariable);
        switch (uri.Kind)
        {
            case TrackingUriKind.None:
                return new NoneTracker();
            case TrackingUriKind.Folder:
                return new FileStoreTracker(uri.Value, options, environment);
            default:
                var server = new RestTracker(new MlflowRestClient(uri.Value, options, environment), options, environment);
                return string.IsNullOrWhiteSpace(options.FallbackFolder)
                    ? server
                    : new FallbackTracker(server, new FileStoreTracker(options.FallbackFolder, options, environment), environment);
        }
    }
}
