namespace WeightFarcast.Tracking;

/// <summary>
/// A tracking failure with MLflow's error code and HTTP status when there was one.
/// Messages are built from redacted text: they never carry credentials.
/// </summary>
public sealed class TrackingException : Exception
{
    public TrackingException(TrackingFailureKind kind, string message, int? statusCode = null, string? errorCode = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public TrackingFailureKind Kind { get; }

    /// <summary>HTTP status of the last response, if a response was received.</summary>
    public int? StatusCode { get; }

    /// <summary>MLflow error_code (for example RESOURCE_ALREADY_EXISTS), if the server sent one.</summary>
    public string? ErrorCode { get; }

    internal static TrackingException InvalidInput(string message) =>
        new(TrackingFailureKind.InvalidInput, message, errorCode: "INVALID_PARAMETER_VALUE");
}
