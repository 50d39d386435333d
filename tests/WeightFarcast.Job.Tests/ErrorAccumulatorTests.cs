using WeightFarcast.Job.Evaluation;

namespace WeightFarcast.Job.Tests;

public class ErrorAccumulatorTests
{
    [Fact]
    public void Metrics_match_hand_computed_values_across_chunks()
    {
        float[] predicted = [1, 2, 3, 5];
        float[] actual = [1, 1, 4, 5];
        var acc = new ErrorAccumulator();
        acc.Add(predicted.AsSpan(0, 3), actual.AsSpan(0, 3));
        acc.Add(predicted.AsSpan(3), actual.AsSpan(3));

        var m = acc.Result();

        Assert.Equal(2.0 / 4, m.Mse, 12);                  // errors 0, 1, -1, 0
        Assert.Equal(2.0 / 4, m.Mae, 12);
        Assert.Equal(Math.Sqrt(2.0 / 43), m.RelL2, 12);    // ||a||^2 = 1 + 1 + 16 + 25
        Assert.Equal(40 / (Math.Sqrt(39) * Math.Sqrt(43)), m.Cosine, 12); // p.a = 1 + 2 + 12 + 25; ||p||^2 = 1 + 4 + 9 + 25
    }

    [Fact]
    public void Merging_accumulators_equals_one_pass()
    {
        var random = new Random(3);
        var p = Enumerable.Range(0, 1000).Select(_ => (float)random.NextDouble()).ToArray();
        var a = Enumerable.Range(0, 1000).Select(_ => (float)random.NextDouble()).ToArray();
        var one = new ErrorAccumulator();
        one.Add(p, a);
        var left = new ErrorAccumulator();
        left.Add(p.AsSpan(0, 400), a.AsSpan(0, 400));
        var right = new ErrorAccumulator();
        right.Add(p.AsSpan(400), a.AsSpan(400));
        left.Add(right);
        Assert.Equal(one.Result().Mse, left.Result().Mse, 12);
        Assert.Equal(one.Result().Cosine, left.Result().Cosine, 12);
    }

    [Fact]
    public void Mismatched_lengths_are_refused() =>
        Assert.Throws<ArgumentException>(() => new ErrorAccumulator().Add(new float[2], new float[3]));
}
