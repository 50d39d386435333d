using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Statistics;
using WeightFarcast.Checkpoints.Tests.Support;
using WeightFarcast.Checkpoints.Writing;

namespace WeightFarcast.Checkpoints.Tests;

public sealed class StatisticsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Statistics_over_several_chunks_match_a_naive_double_computation()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 300_001).Select(_ => (float)(random.NextDouble() * 4 + 1000)).ToArray();
        using var reader = Write(("w", DType.F32, values));

        var stats = TensorStatisticsCalculator.Compute(reader, "w");
        var doubles = values.Select(v => (double)v).ToArray();
        var mean = doubles.Average();
        Assert.Equal(values.Length, stats.Count);
        Assert.Equal(doubles.Min(), stats.Min);
        Assert.Equal(doubles.Max(), stats.Max);
        Assert.Equal(mean, stats.Mean, 1e-9);
        Assert.Equal(Math.Sqrt(doubles.Sum(v => (v - mean) * (v - mean)) / doubles.Length), stats.Std, 1e-9);
        Assert.Equal(doubles.Sum(), stats.Sum, 1e-6);
        Assert.Equal(0, stats.NaNCount + stats.InfCount);
    }

    [Fact]
    public void NaN_and_Inf_are_counted_and_excluded_from_the_moments()
    {
        float[] values = [1f, float.NaN, 3f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 5f];
        using var reader = Write(("w", DType.BF16, values), ("dead", DType.F16, [float.NaN, float.NaN]));

        var stats = TensorStatisticsCalculator.Compute(reader, "w");
        Assert.Equal((7L, 2L, 2L, 3L), (stats.Count, stats.NaNCount, stats.InfCount, stats.FiniteCount));
        Assert.Equal((1d, 5d, 3d, 9d), (stats.Min, stats.Max, stats.Mean, stats.Sum));
        Assert.Equal(Math.Sqrt(8d / 3), stats.Std, 1e-12);

        var dead = TensorStatisticsCalculator.Compute(reader, "dead");
        Assert.True(double.IsNaN(dead.Mean) && double.IsNaN(dead.Min));
        Assert.Equal(2, dead.NaNCount);
    }

    [Fact]
    public void NonFinite_policy_fails_naming_every_tensor_or_carries_through()
    {
        using var reader = Write(
            ("ok", DType.F32, [1f, 2f]),
            ("nan", DType.F32, [float.NaN, 2f]),
            ("inf", DType.F16, [float.NegativeInfinity, 2f]));

        var findings = NonFiniteCheck.Enforce(reader, NonFinitePolicy.CarryThrough);
        Assert.Equal([new NonFiniteTensor("inf", 0, 1), new NonFiniteTensor("nan", 1, 0)], findings.OrderBy(f => f.Name));

        var error = Assert.Throws<NonFiniteValuesException>(() => NonFiniteCheck.Enforce(reader, NonFinitePolicy.Fail));
        Assert.Equal(reader.Path, error.FilePath);
        Assert.Contains("nan (NaN: 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("inf (NaN: 0, Inf: 1)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ok (", error.Message, StringComparison.Ordinal);
    }

    private ICheckpointReader Write(params (string Name, DType DType, float[] Values)[] tensors)
    {
        var path = _temp.File(Guid.NewGuid().ToString("N") + ".safetensors");
        using (var writer = new SafetensorsWriter(path, tensors.Select(t => new TensorInfo(t.Name, t.DType, t.Values.Length))))
        {
            foreach (var (name, _, values) in tensors)
                writer.WriteSingles(name, 0, values);
            writer.Commit();
        }
        return CheckpointReader.Open(path);
    }
}
