using System.Text.Json.Serialization;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>One `bench throughput` measurement: apply and I/O floor on the same files in the same cache state.</summary>
public sealed record ThroughputResult
{
    [JsonPropertyName("parameters")] public required long Parameters { get; init; }
    [JsonPropertyName("dtype")] public required string DType { get; init; }
    [JsonPropertyName("horizons")] public required int Horizons { get; init; }
    [JsonPropertyName("tensors")] public required int Tensors { get; init; }
    [JsonPropertyName("largest_tensor_mib")] public required double LargestTensorMiB { get; init; }
    [JsonPropertyName("checkpoint_gib")] public required double CheckpointGiB { get; init; }
    [JsonPropertyName("workers")] public required int Workers { get; init; }
    [JsonPropertyName("cache")] public required string Cache { get; init; }

    /// <summary>Bytes read plus written by the apply, per second (the floor's traffic is the same).</summary>
    [JsonPropertyName("apply_gbps")] public required double ApplyGbps { get; init; }
    [JsonPropertyName("apply_seconds")] public required double ApplySeconds { get; init; }
    [JsonPropertyName("floor_gbps")] public required double FloorGbps { get; init; }
    [JsonPropertyName("floor_seconds")] public required double FloorSeconds { get; init; }
    [JsonPropertyName("ratio_to_floor")] public required double RatioToFloor { get; init; }
    [JsonPropertyName("bytes_moved")] public required long BytesMoved { get; init; }

    [JsonPropertyName("idle_rss_mib")] public required double IdleRssMiB { get; init; }

    /// <summary>Peak RSS during the reported apply run.</summary>
    [JsonPropertyName("peak_rss_mib")] public required double PeakRssMiB { get; init; }
    [JsonPropertyName("peak_rss_growth_mib")] public required double PeakRssGrowthMiB { get; init; }

    /// <summary>"vmhwm" when the kernel's peak was reset before the run, "sampled" (10 ms VmRSS) otherwise.</summary>
    [JsonPropertyName("peak_rss_source")] public required string PeakRssSource { get; init; }
    [JsonPropertyName("generate_seconds")] public required double GenerateSeconds { get; init; }
}
