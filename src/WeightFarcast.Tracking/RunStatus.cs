namespace WeightFarcast.Tracking;

/// <summary>MLflow's proto RunStatus; the numbers are what the file store writes in meta.yaml.</summary>
public enum RunStatus
{
    Running = 1,
    Scheduled = 2,
    Finished = 3,
    Failed = 4,
    Killed = 5,
}
