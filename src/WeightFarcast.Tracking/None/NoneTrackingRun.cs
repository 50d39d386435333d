namespace WeightFarcast.Tracking;

/// <summary>A run that records nothing; every call completes immediately.</summary>
internal sealed class NoneTrackingRun : ITrackingRun
{
    public string RunId { get; } = Guid.NewGuid().ToString("N");
    public string ExperimentId => "";
    public string? ArtifactUri => null;
    public string Location => "tracking disabled (none)";

    public Task LogParamsAsync(IReadOnlyDictionary<string, string> ps, CancellationToken ct) => Task.CompletedTask;
    public Task LogMetricsAsync(IReadOnlyList<MetricPoint> points, CancellationToken ct) => Task.CompletedTask;
    public Task SetTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct) => Task.CompletedTask;
    public Task LogArtifactAsync(string localFile, string? artifactDirectory, CancellationToken ct) => Task.CompletedTask;

    public Task EndAsync(RunStatus status, CancellationToken ct)
    {
        RunStatusNames.EnsureTerminal(status);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
