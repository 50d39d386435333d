namespace WeightFarcast.Tracking;

/// <summary>
/// End-of-run rules shared by the back ends: only terminal statuses, the first successful EndAsync
/// wins and later ones do nothing, a cancelled caller token still gets a short grace period to record
/// the status, and disposing a run that was never ended records it as KILLED.
/// </summary>
internal abstract class TrackingRunBase(TimeSpan endGracePeriod, Action<string> warn) : ITrackingRun
{
    private readonly SemaphoreSlim _endGate = new(1, 1);
    private bool _ended;

    public abstract string RunId { get; }
    public abstract string ExperimentId { get; }
    public abstract string? ArtifactUri { get; }
    public abstract string Location { get; }

    protected bool Ended => _ended;

    public abstract Task LogParamsAsync(IReadOnlyDictionary<string, string> ps, CancellationToken ct);
    public abstract Task LogMetricsAsync(IReadOnlyList<MetricPoint> points, CancellationToken ct);
    public abstract Task SetTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct);
    public abstract Task LogArtifactAsync(string localFile, string? artifactDirectory, CancellationToken ct);

    public async Task EndAsync(RunStatus status, CancellationToken ct)
    {
        RunStatusNames.EnsureTerminal(status);
        // The caller ends runs in finally blocks, often because ct was cancelled: recording KILLED must still happen.
        using var grace = ct.IsCancellationRequested ? new CancellationTokenSource(endGracePeriod) : null;
        var token = grace?.Token ?? ct;
        await _endGate.WaitAsync(token).ConfigureAwait(false);
        try
        {
            if (_ended)
                return;
            await EndCoreAsync(status, token).ConfigureAwait(false);
            _ended = true;
        }
        finally
        {
            _endGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ended)
        {
            try
            {
                await EndAsync(RunStatus.Killed, CancellationToken.None).ConfigureAwait(false);
                warn($"Run {RunId} was disposed without EndAsync; recorded as KILLED at {Location}.");
            }
            catch (Exception e) when (e is TrackingException or IOException or OperationCanceledException)
            {
                warn($"Run {RunId} was disposed without EndAsync and could not be marked KILLED: {e.Message}");
            }
        }
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected abstract Task EndCoreAsync(RunStatus status, CancellationToken ct);

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;
}
