using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>`bench throughput` output: one JSON object, or a few readable lines.</summary>
public static class ThroughputReport
{
    public static string Json(ThroughputResult result) => JsonSerializer.Serialize(result);

    public static string Text(ThroughputResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"checkpoints: {r.Parameters:N0} {r.DType} parameters ({r.CheckpointGiB:F2} GiB each), {r.Tensors} tensors, largest {r.LargestTensorMiB:F0} MiB; {r.Horizons} horizons; {r.Workers} workers; cache {r.Cache}");
        text.AppendLine(c, $"apply:  {r.ApplyGbps:F2} GB/s ({r.BytesMoved / 1e9:F2} GB read+written in {r.ApplySeconds:F2} s)");
        text.AppendLine(c, $"floor:  {r.FloorGbps:F2} GB/s ({r.FloorSeconds:F2} s)");
        text.AppendLine(c, $"ratio:  {r.RatioToFloor:P0} of the I/O floor");
        text.AppendLine(c, $"memory: peak RSS {r.PeakRssMiB:F0} MiB, {r.PeakRssGrowthMiB:F0} MiB above the idle {r.IdleRssMiB:F0} MiB ({r.PeakRssSource})");
        return text.ToString();
    }
}
