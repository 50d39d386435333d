using System.Text.Json;

namespace WeightFarcast.Tracking;

/// <summary>A run with its data: latest value per metric key, params and tags.</summary>
public sealed record MlflowRun(
    MlflowRunInfo Info,
    IReadOnlyList<MetricPoint> LatestMetrics,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, string> Tags)
{
    internal static MlflowRun FromJson(JsonElement run)
    {
        var data = run.TryGetProperty("data", out var d) ? d : default;
        var metrics = new List<MetricPoint>();
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("metrics", out var array))
            metrics.AddRange(array.EnumerateArray().Select(MlflowJson.MetricPoint));
        return new MlflowRun(
            MlflowRunInfo.FromJson(run.GetProperty("info")),
            metrics,
            MlflowJson.KeyValues(data, "params"),
            MlflowJson.KeyValues(data, "tags"));
    }
}
