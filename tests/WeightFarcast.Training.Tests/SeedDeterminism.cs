namespace WeightFarcast.Training.Tests;

/// <summary>The same-seed check every task needs: two runs with one seed agree bit for bit, another seed differs.</summary>
internal static class SeedDeterminism
{
    public static void AssertSameSeedSameWeights(Func<int, TrainingRunOptions> options, string probeTensor)
    {
        var a = FinalWeights(options(7));
        var b = FinalWeights(options(7));
        var c = FinalWeights(options(8));
        foreach (var (x, y) in a.Zip(b))
            Assert.Equal(x.Values, y.Values);
        Assert.NotEqual(a.Get(probeTensor).Values, c.Get(probeTensor).Values);
    }

    private static NamedWeights FinalWeights(TrainingRunOptions options)
    {
        NamedWeights? last = null;
        TrajectoryTrainer.Train(options, (_, w) => last = w);
        return last!;
    }
}
