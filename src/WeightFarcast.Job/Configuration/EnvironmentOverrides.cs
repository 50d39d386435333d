namespace WeightFarcast.Job.Configuration;

/// <summary>Environment variables that override the file, where pipeline users expect them to
/// (the MLflow convention for the tracking URI, a device switch for GPU runners).</summary>
public static class EnvironmentOverrides
{
    public const string TrackingUri = "MLFLOW_TRACKING_URI";
    public const string ExperimentName = "MLFLOW_EXPERIMENT_NAME";
    public const string Device = "WEIGHTFARCAST_DEVICE";

    /// <summary>Applies the overrides in place and returns which config paths came from which variable.</summary>
    public static IReadOnlyDictionary<string, string> Apply(FarcastConfig config, Func<string, string?> getEnv)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        if (getEnv(TrackingUri) is { Length: > 0 } uri)
        {
            config.Tracking.Uri = uri;
            applied["tracking.uri"] = TrackingUri;
        }
        if (getEnv(ExperimentName) is { Length: > 0 } experiment)
        {
            config.Tracking.Experiment = experiment;
            applied["tracking.experiment"] = ExperimentName;
        }
        if (getEnv(Device) is { Length: > 0 } device)
        {
            config.Device = device;
            applied["device"] = Device;
        }
        return applied;
    }
}
