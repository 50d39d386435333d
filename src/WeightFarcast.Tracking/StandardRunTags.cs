namespace WeightFarcast.Tracking;

/// <summary>The run tags MLflow's Python client sets itself (mlflow/utils/mlflow_tags.py); caller tags win.</summary>
public static class StandardRunTags
{
    public const string RunName = "mlflow.runName";
    public const string User = "mlflow.user";
    public const string SourceName = "mlflow.source.name";
    public const string SourceType = "mlflow.source.type";

    public static Dictionary<string, string> For(RunStart start, string runName, string user, string sourceName)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [User] = user,
            [SourceName] = sourceName,
            [SourceType] = "LOCAL",
        };
        foreach (var (key, value) in start.Tags)
            tags[key] = value;
        tags[RunName] = runName;
        return tags;
    }

    /// <summary>RunName, else the caller's mlflow.runName tag, else a readable generated name.</summary>
    public static string ResolveRunName(RunStart start)
    {
        if (!string.IsNullOrWhiteSpace(start.RunName))
            return start.RunName;
        if (start.Tags.TryGetValue(RunName, out var tagged) && !string.IsNullOrWhiteSpace(tagged))
            return tagged;
        return $"run-{start.StartTime.UtcDateTime:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
    }
}
