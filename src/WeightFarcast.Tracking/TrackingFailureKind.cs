namespace WeightFarcast.Tracking;

/// <summary>Why a tracking call failed; decides whether falling back to a local folder can help.</summary>
public enum TrackingFailureKind
{
    /// <summary>The caller's data is invalid (bad key, bad path); no back end would accept it.</summary>
    InvalidInput,

    /// <summary>The back end answered with a non-retryable error (4xx, conflict).</summary>
    Rejected,

    /// <summary>The back end could not be reached or kept failing after retries.</summary>
    Unavailable,

    /// <summary>The configuration asks for something this client does not do (for example an s3: artifact URI).</summary>
    Unsupported,
}
