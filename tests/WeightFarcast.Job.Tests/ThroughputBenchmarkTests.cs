using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Job.Benchmarks;

namespace WeightFarcast.Job.Tests;

/// <summary>The throughput benchmark's plumbing (layout, files, report); its numbers are measured, not asserted.</summary>
public sealed class ThroughputBenchmarkTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wf-throughput-" + Guid.NewGuid().ToString("N"));

    public ThroughputBenchmarkTests() => Directory.CreateDirectory(_root);

    [Theory]
    [InlineData(2_000_000L)]
    [InlineData(268_435_456L)]
    [InlineData(2_147_483_648L)]
    [InlineData(7_000_000_000L)]
    public void Layout_holds_exactly_the_parameters_with_one_large_embedding_and_many_blocks(long parameters)
    {
        var tensors = ThroughputModelLayout.Create(parameters, DType.BF16);
        Assert.Equal(parameters, tensors.Where(t => t.IsFloatingPoint).Sum(t => t.ElementCount));
        var embedding = tensors.Single(t => t.Name == "model.embed_tokens.weight");
        Assert.InRange(embedding.ElementCount / (double)parameters, 0.2, 0.45);
        Assert.True(tensors.Count(t => t.Shape.Length == 2) >= 8 * 6);
        Assert.Contains(tensors, t => !t.IsFloatingPoint);
    }

    [Theory]
    [InlineData(DType.F32, ThroughputCache.Warm)]
    [InlineData(DType.BF16, ThroughputCache.Cold)]
    public void A_tiny_run_reports_every_field_and_deletes_its_files(DType dtype, ThroughputCache cache)
    {
        var result = ThroughputBenchmark.Run(new ThroughputOptions { Parameters = 2_000_000, DType = dtype, Horizons = 2, Directory = _root, Cache = cache }, CancellationToken.None);

        Assert.True(result.ApplyGbps > 0);
        Assert.True(result.FloorGbps > 0);
        Assert.True(result.RatioToFloor > 0);
        Assert.True(result.PeakRssMiB > 0);
        // Both inputs' float data and the I64 counter read once; each horizon writes the float data and the counter.
        var floatBytes = 2_000_000L * dtype.ElementSize();
        Assert.Equal(2 * floatBytes + 8 + 2 * (floatBytes + 8), result.BytesMoved);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void Cancellation_deletes_the_temporary_files()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ThroughputBenchmark.Run(new ThroughputOptions { Parameters = 2_000_000, Directory = _root }, cancel.Token));
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, true);
        }
        catch (IOException)
        {
        }
    }
}
