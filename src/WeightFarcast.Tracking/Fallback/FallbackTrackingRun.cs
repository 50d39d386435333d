namespace WeightFarcast.Tracking;

/// <summary>
/// A server run that moves to the local fallback folder when the server becomes unusable (unreachable,
/// failing after retries, or an artifact store this client cannot write): it starts a local run, replays
/// everything already recorded, then repeats the failed call there. A rejected call (param conflict,
/// invalid key) is the caller's problem and is thrown instead, so the server run is kept.
/// </summary>
internal sealed class FallbackTrackingRun(ITrackingRun primary, RunStart start, FileStoreTracker fallback, TrackingEnvironment environment) : ITrackingRun
{
    public const string OriginalRunTag = "weightfarcast.fallback.original_run";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RunJournal _journal = new();
    private readonly string _primaryRunId = primary.RunId;
    private ITrackingRun _current = primary;
    private bool _fellBack;

    public string RunId => _current.RunId;
    public string ExperimentId => _current.ExperimentId;
    public string? ArtifactUri => _current.ArtifactUri;
    public string Location => _current.Location;

    public Task LogParamsAsync(IReadOnlyDictionary<string, string> ps, CancellationToken ct) =>
        RunAsync(run => run.LogParamsAsync(ps, ct), () => _journal.Params(ps), ct);

    public Task LogMetricsAsync(IReadOnlyList<MetricPoint> points, CancellationToken ct) =>
        RunAsync(run => run.LogMetricsAsync(points, ct), () => _journal.Metrics(points), ct);

    public Task SetTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        RunAsync(run => run.SetTagsAsync(tags, ct), () => _journal.Tags(tags), ct);

    public Task LogArtifactAsync(string localFile, string? artifactDirectory, CancellationToken ct) =>
        RunAsync(run => run.LogArtifactAsync(localFile, artifactDirectory, ct), () => _journal.Artifact(localFile, artifactDirectory), ct);

    public Task EndAsync(RunStatus status, CancellationToken ct) =>
        RunAsync(run => run.EndAsync(status, ct), () => { }, CancellationToken.None);

    // After a fallback the server run is left alone: ending it would mean more slow retries against a failing server.
    public ValueTask DisposeAsync() => _current.DisposeAsync();

    private async Task RunAsync(Func<ITrackingRun, Task> call, Action record, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_fellBack)
            {
                await call(_current).ConfigureAwait(false);
                return;
            }
            try
            {
                await call(_current).ConfigureAwait(false);
                record();
            }
            catch (TrackingException e) when (e.Kind is TrackingFailureKind.Unavailable or TrackingFailureKind.Unsupported)
            {
                await SwitchToLocalAsync(e, ct).ConfigureAwait(false);
                await call(_current).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SwitchToLocalAsync(TrackingException failure, CancellationToken ct)
    {
        var tags = new Dictionary<string, string>(start.Tags, StringComparer.Ordinal) { [OriginalRunTag] = _primaryRunId };
        var local = await fallback.StartRunAsync(start with { Tags = tags }, ct).ConfigureAwait(false);
        await _journal.ReplayAsync(local, ct).ConfigureAwait(false);
        _current = local;
        _fellBack = true;
        environment.Warn($"MLflow tracking failed for run {_primaryRunId} ({failure.Message}). " +
            $"The run, with everything logged so far, continues locally in {local.Location}.");
    }
}
