namespace WeightFarcast.Tracking;

/// <summary>Tracking switched off ("none"): runs exist so callers need no special case, but nothing is recorded.</summary>
public sealed class NoneTracker : ITracker
{
    public Task<ITrackingRun> StartRunAsync(RunStart start, CancellationToken ct) =>
        Task.FromResult<ITrackingRun>(new NoneTrackingRun());
}
