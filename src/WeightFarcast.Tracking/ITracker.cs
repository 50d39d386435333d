namespace WeightFarcast.Tracking;

/// <summary>Starts tracked runs on one back end (MLflow server, local mlruns folder, or nothing).</summary>
public interface ITracker
{
    Task<ITrackingRun> StartRunAsync(RunStart start, CancellationToken ct);
}
