using WeightFarcast.Tracking;

namespace WeightFarcast.Job.Recording;

/// <summary>
/// A tracking run that can never take the forecast down with it: the first tracking failure is remembered,
/// later calls are skipped, and the job finishes its outputs before the failure is turned into an exit code.
/// </summary>
public sealed class SafeTrackingRun(ITrackingRun? run, TrackingException? startFailure) : IAsyncDisposable
{
    public TrackingException? Failure { get; private set; } = startFailure;

    public ITrackingRun? Run => run;

    public bool Active => run is not null && Failure is null;

    public Task ParamsAsync(IReadOnlyDictionary<string, string> values, CancellationToken ct) => Do(r => r.LogParamsAsync(values, ct));

    public Task MetricsAsync(IReadOnlyList<MetricPoint> points, CancellationToken ct) => points.Count == 0 ? Task.CompletedTask : Do(r => r.LogMetricsAsync(points, ct));

    public Task TagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct) => Do(r => r.SetTagsAsync(tags, ct));

    public Task ArtifactAsync(string file, string? folder, CancellationToken ct) => Do(r => r.LogArtifactAsync(file, folder, ct));

    /// <summary>Ends the run even after an earlier failure (the status matters most), but never throws.</summary>
    public async Task EndAsync(RunStatus status, CancellationToken ct)
    {
        if (run is null)
            return;
        try
        {
            await run.EndAsync(status, ct).ConfigureAwait(false);
        }
        catch (TrackingException e)
        {
            Failure ??= e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (run is not null)
            await run.DisposeAsync().ConfigureAwait(false);
    }

    private async Task Do(Func<ITrackingRun, Task> action)
    {
        if (!Active)
            return;
        try
        {
            await action(run!).ConfigureAwait(false);
        }
        catch (TrackingException e)
        {
            Failure = e;
        }
    }
}
