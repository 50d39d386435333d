namespace WeightFarcast.Job.Configuration;

/// <summary>Resolves every relative path in a configuration against the configuration file's folder.</summary>
public static class ConfigPaths
{
    public static void ResolveInPlace(FarcastConfig config, string baseDirectory)
    {
        config.Target.Checkpoints = Resolve(config.Target.Checkpoints, baseDirectory);
        config.Reference = config.Reference.Select(r => Resolve(r, baseDirectory)).ToList();
        config.Output.Directory = Resolve(config.Output.Directory, baseDirectory);
        if (!string.IsNullOrWhiteSpace(config.Forecaster.Load))
            config.Forecaster.Load = Resolve(config.Forecaster.Load, baseDirectory);
        if (IsLocalTrackingPath(config.Tracking.Uri))
            config.Tracking.Uri = Resolve(config.Tracking.Uri, baseDirectory);
        config.Tracking.FallbackDirectory = Resolve(config.Tracking.FallbackDirectory, baseDirectory);
    }

    public static bool IsLocalTrackingPath(string uri) =>
        !string.Equals(uri, "none", StringComparison.OrdinalIgnoreCase)
        && !uri.Contains("://", StringComparison.Ordinal)
        && !uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    private static string Resolve(string path, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(path))
            return path;
        var expanded = path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
        return Path.GetFullPath(expanded, baseDirectory);
    }
}
