using System.Text.Json.Nodes;

namespace WeightFarcast.Tracking.Tests.Fakes;

/// <summary>A run held by the fake server.</summary>
public sealed class FakeRun(string runId, string experimentId, string artifactUri)
{
    public string RunId { get; } = runId;
    public string ExperimentId { get; } = experimentId;
    public string ArtifactUri { get; } = artifactUri;
    public string RunName { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Status { get; set; } = "RUNNING";
    public long StartTime { get; set; }
    public long? EndTime { get; set; }
    public Dictionary<string, string> Params { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    public List<MetricPoint> Metrics { get; } = [];

    public JsonObject InfoJson()
    {
        // The server omits end_time while the run is going (mlflow.md §1.1) and sends run_uuid only on old versions.
        var info = new JsonObject
        {
            ["run_uuid"] = RunId,
            ["experiment_id"] = ExperimentId,
            ["run_name"] = RunName,
            ["user_id"] = UserId,
            ["status"] = Status,
            ["start_time"] = StartTime,
            ["artifact_uri"] = ArtifactUri,
            ["lifecycle_stage"] = "active",
        };
        if (EndTime is { } end)
            info["end_time"] = end;
        return info;
    }

    public JsonObject ToJson()
    {
        var latest = Metrics.GroupBy(m => m.Key)
            .Select(g => g.MaxBy(m => (m.Step, m.TimestampMs))!)
            .Select(m => (JsonNode)FakeMlflowStore.MetricJson(m));
        return new JsonObject
        {
            ["info"] = InfoJson(),
            ["data"] = new JsonObject
            {
                ["metrics"] = new JsonArray(latest.ToArray()),
                ["params"] = KeyValues(Params),
                ["tags"] = KeyValues(Tags),
            },
            ["inputs"] = new JsonObject(),
        };
    }

    private static JsonArray KeyValues(Dictionary<string, string> values) =>
        new(values.Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = p.Value }).ToArray());
}
