namespace WeightFarcast.Tracking;

/// <summary>
/// Uses the primary tracker (an MLflow server) and, when it fails for any reason other than bad input,
/// records the run in a local mlruns folder instead and warns where it went.
/// </summary>
public sealed class FallbackTracker(ITracker primary, FileStoreTracker fallback, TrackingEnvironment environment) : ITracker
{
    public FileStoreTracker Fallback { get; } = fallback;

    public async Task<ITrackingRun> StartRunAsync(RunStart start, CancellationToken ct)
    {
        try
        {
            var run = await primary.StartRunAsync(start, ct).ConfigureAwait(false);
            return new FallbackTrackingRun(run, start, Fallback, environment);
        }
        catch (TrackingException e) when (e.Kind != TrackingFailureKind.InvalidInput)
        {
            var local = await Fallback.StartRunAsync(start, ct).ConfigureAwait(false);
            environment.Warn($"MLflow tracking failed ({e.Message}). The run is recorded locally in {local.Location} instead.");
            return local;
        }
    }
}
