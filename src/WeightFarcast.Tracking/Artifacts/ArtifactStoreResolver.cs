namespace WeightFarcast.Tracking;

/// <summary>
/// Maps a run's artifact_uri to a store (mlflow.md §1.4, mlflow_artifacts_repo.resolve_uri):
/// mlflow-artifacts: and http(s): go through the proxy, file: and absolute paths are written
/// directly, anything else (s3:, gs:, ...) is a clear error.
/// </summary>
internal static class ArtifactStoreResolver
{
    public const string ProxyPath = "/api/2.0/mlflow-artifacts/artifacts";
    private const string ProxyScheme = "mlflow-artifacts:";

    public static IArtifactStore Resolve(string? artifactUri, MlflowHttpTransport? transport)
    {
        if (string.IsNullOrEmpty(artifactUri))
            throw new TrackingException(TrackingFailureKind.Unsupported, "The run has no artifact URI.");

        if (artifactUri.StartsWith(ProxyScheme, StringComparison.OrdinalIgnoreCase))
            return new ProxyArtifactStore(Require(transport, artifactUri), ProxyUrlFor(artifactUri, transport!.TrackingBase), ProxyRoot(artifactUri));

        if (artifactUri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || artifactUri.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var marker = artifactUri.IndexOf(ProxyPath, StringComparison.Ordinal);
            if (marker < 0)
                throw new TrackingException(TrackingFailureKind.Unsupported, $"Artifact URI '{artifactUri}' is not an MLflow artifact proxy URL (no {ProxyPath}).");
            var end = marker + ProxyPath.Length;
            return new ProxyArtifactStore(Require(transport, artifactUri), new Uri(artifactUri[..end]), Uri.UnescapeDataString(artifactUri[end..]));
        }

        if (artifactUri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return new LocalArtifactStore(LocalPathOf(artifactUri));

        if (Path.IsPathFullyQualified(artifactUri))
            return new LocalArtifactStore(artifactUri);

        var scheme = artifactUri.Split(':', 2)[0];
        throw new TrackingException(TrackingFailureKind.Unsupported,
            $"Artifact URI scheme '{scheme}:' is not supported (run artifact URI '{artifactUri}'). " +
            "Serve artifacts through the MLflow server's proxy (mlflow server --serve-artifacts, the default) or use a file: location reachable from this machine.");
    }

    /// <summary>file:///abs, file:/abs and file:relative to a local path.</summary>
    public static string LocalPathOf(string fileUri)
    {
        if (fileUri.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return new Uri(fileUri).LocalPath;
        return Path.GetFullPath(Uri.UnescapeDataString(fileUri["file:".Length..]));
    }

    /// <summary>mlflow-artifacts:/p uses the tracking server; mlflow-artifacts://host:port/p uses its own host and port.</summary>
    private static Uri ProxyUrlFor(string artifactUri, Uri trackingBase)
    {
        var rest = artifactUri[ProxyScheme.Length..];
        var authority = trackingBase.Authority;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            var own = slash < 0 ? rest[2..] : rest[2..slash];
            if (own.Length > 0)
                authority = own;
        }
        return new Uri($"{trackingBase.Scheme}://{authority}{trackingBase.AbsolutePath.TrimEnd('/')}{ProxyPath}");
    }

    private static string ProxyRoot(string artifactUri)
    {
        var rest = artifactUri[ProxyScheme.Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            rest = slash < 0 ? "" : rest[slash..];
        }
        return rest.Trim('/');
    }

    private static MlflowHttpTransport Require(MlflowHttpTransport? transport, string artifactUri) =>
        transport ?? throw new TrackingException(TrackingFailureKind.Unsupported, $"Artifact URI '{artifactUri}' needs an MLflow server connection.");
}
