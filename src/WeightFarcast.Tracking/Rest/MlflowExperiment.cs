using System.Text.Json;

namespace WeightFarcast.Tracking;

/// <summary>An experiment as the server describes it.</summary>
public sealed record MlflowExperiment(string ExperimentId, string Name, string? ArtifactLocation, string LifecycleStage)
{
    internal static MlflowExperiment FromJson(JsonElement experiment) => new(
        MlflowJson.String(experiment, "experiment_id")!,
        MlflowJson.String(experiment, "name") ?? "",
        MlflowJson.String(experiment, "artifact_location"),
        MlflowJson.String(experiment, "lifecycle_stage") ?? "active");
}
