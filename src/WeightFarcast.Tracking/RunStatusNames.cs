namespace WeightFarcast.Tracking;

/// <summary>Converts <see cref="RunStatus"/> to and from the enum names the REST API uses.</summary>
public static class RunStatusNames
{
    public static string ToMlflowName(this RunStatus status) => status switch
    {
        RunStatus.Running => "RUNNING",
        RunStatus.Scheduled => "SCHEDULED",
        RunStatus.Finished => "FINISHED",
        RunStatus.Failed => "FAILED",
        RunStatus.Killed => "KILLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    public static RunStatus Parse(string name) => name switch
    {
        "RUNNING" => RunStatus.Running,
        "SCHEDULED" => RunStatus.Scheduled,
        "FINISHED" => RunStatus.Finished,
        "FAILED" => RunStatus.Failed,
        "KILLED" => RunStatus.Killed,
        _ => throw new FormatException($"Unknown MLflow run status '{name}'."),
    };

    /// <summary>A run may only be ended as FINISHED, FAILED or KILLED.</summary>
    public static void EnsureTerminal(RunStatus status)
    {
        if (status is not (RunStatus.Finished or RunStatus.Failed or RunStatus.Killed))
            throw new ArgumentOutOfRangeException(nameof(status), status, "A run can only end as Finished, Failed or Killed.");
    }
}
