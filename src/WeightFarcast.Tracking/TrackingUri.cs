namespace WeightFarcast.Tracking;

/// <summary>Classifies a tracking URI the way MLflow does (mlflow.md §1.7), for the back ends this client has.</summary>
public sealed record TrackingUri(TrackingUriKind Kind, string Value)
{
    public const string EnvironmentVariable = "MLFLOW_TRACKING_URI";

    /// <summary>Null or empty means MLFLOW_TRACKING_URI, and "none" when that is unset too.</summary>
    public static TrackingUri Parse(string? uri, Func<string, string?> getVariable)
    {
        var value = string.IsNullOrWhiteSpace(uri) ? getVariable(EnvironmentVariable) : uri;
        value = string.IsNullOrWhiteSpace(value) ? "none" : value.Trim();

        if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
            return new TrackingUri(TrackingUriKind.None, "none");
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return new TrackingUri(TrackingUriKind.Server, value);
        if (value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return new TrackingUri(TrackingUriKind.Folder, ArtifactStoreResolver.LocalPathOf(value));

        var colon = value.IndexOf(':');
        // A scheme is at least two characters; one letter before ':' is a Windows drive.
        if (colon > 1 && value[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '.' or '-'))
        {
            throw new TrackingException(TrackingFailureKind.Unsupported,
                $"Tracking URI scheme '{value[..colon]}:' is not supported; use 'none', a folder path, a file: URI or an http(s):// MLflow server.");
        }
        return new TrackingUri(TrackingUriKind.Folder, Path.GetFullPath(value));
    }
}
