using WeightFarcast.Checkpoints.DTypes;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>Whether the inputs are in the page cache when a timed run starts.</summary>
public enum ThroughputCache
{
    /// <summary>Each measurement runs twice and the second is reported: inputs are as cached as memory allows, for both.</summary>
    Warm,

    /// <summary>The inputs are evicted from the page cache (posix_fadvise DONTNEED) before every timed run.</summary>
    Cold,
}

/// <summary>What `bench throughput` generates and times.</summary>
public sealed record ThroughputOptions
{
    /// <summary>Float parameters per checkpoint.</summary>
    public required long Parameters { get; init; }

    /// <summary>Stored dtype of the inputs and the outputs (F32 or BF16).</summary>
    public DType DType { get; init; } = DType.F32;

    public int Horizons { get; init; } = 3;

    /// <summary>Folder the temporary checkpoints go under (a fresh subfolder, deleted at the end).</summary>
    public string Directory { get; init; } = Path.GetTempPath();

    /// <summary>Apply workers (and floor threads); null = one per core.</summary>
    public int? Workers { get; init; }

    public ThroughputCache Cache { get; init; } = ThroughputCache.Warm;

    public IProgress<string>? Progress { get; init; }
}
