namespace WeightFarcast.Tracking;

/// <summary>
/// One run being recorded. Callers end it with <see cref="EndAsync"/> in a finally block;
/// a second EndAsync is a no-op, and disposing an un-ended run marks it KILLED.
/// </summary>
public interface ITrackingRun : IAsyncDisposable
{
    string RunId { get; }

    string ExperimentId { get; }

    /// <summary>The run's artifact root as the back end reports it (null when tracking is off).</summary>
    string? ArtifactUri { get; }

    /// <summary>Human-readable place where the run went (UI URL or folder), safe to print.</summary>
    string Location { get; }

    Task LogParamsAsync(IReadOnlyDictionary<string, string> ps, CancellationToken ct);

    Task LogMetricsAsync(IReadOnlyList<MetricPoint> points, CancellationToken ct);

    Task SetTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct);

    /// <summary>Copies <paramref name="localFile"/> into the run's artifacts, under the relative <paramref name="artifactDirectory"/> when given.</summary>
    Task LogArtifactAsync(string localFile, string? artifactDirectory, CancellationToken ct);

    /// <summary>Sets the final status (FINISHED, FAILED or KILLED) and end time.</summary>
    Task EndAsync(RunStatus status, CancellationToken ct);
}
