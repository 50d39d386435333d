namespace WeightFarcast.Tracking;

/// <summary>What a new run needs: the experiment (by name, created when missing), an optional run name, tags, and start time.</summary>
public sealed record RunStart(
    string Experiment,
    string? RunName,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset StartTime)
{
    public RunStart(string experiment, string? runName = null)
        : this(experiment, runName, new Dictionary<string, string>(), DateTimeOffset.UtcNow)
    {
    }
}
