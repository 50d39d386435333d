using System.Text.Json;

namespace WeightFarcast.Tracking;

/// <summary>A run's info block; EndTime is null while the server omits it (run still going).</summary>
public sealed record MlflowRunInfo(
    string RunId,
    string ExperimentId,
    string? RunName,
    RunStatus Status,
    long StartTime,
    long? EndTime,
    string? ArtifactUri,
    string LifecycleStage)
{
    internal static MlflowRunInfo FromJson(JsonElement info) => new(
        MlflowJson.String(info, "run_id") ?? MlflowJson.String(info, "run_uuid")
            ?? throw new TrackingException(TrackingFailureKind.Rejected, "MLflow returned a run without run_id or run_uuid."),
        MlflowJson.String(info, "experiment_id") ?? "",
        MlflowJson.String(info, "run_name"),
        RunStatusNames.Parse(MlflowJson.String(info, "status") ?? "RUNNING"),
        MlflowJson.Int64(info, "start_time") ?? 0,
        MlflowJson.Int64(info, "end_time"),
        MlflowJson.String(info, "artifact_uri"),
        MlflowJson.String(info, "lifecycle_stage") ?? "active");
}
