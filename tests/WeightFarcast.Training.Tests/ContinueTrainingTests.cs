namespace WeightFarcast.Training.Tests;

/// <summary>"Train k more steps from these weights with this seed": InitialWeights + StartStep + Steps.</summary>
public class ContinueTrainingTests
{
    private static List<(long Step, NamedWeights Weights)> Run(TrainingRunOptions options)
    {
        var checkpoints = new List<(long, NamedWeights)>();
        TrajectoryTrainer.Train(options, (step, w) => checkpoints.Add((step, w)));
        return checkpoints;
    }

    [Fact]
    public void Plain_sgd_continued_from_a_checkpoint_retraces_the_original_run()
    {
        // Plain SGD has no optimizer state, so a continuation with the same seed (same batches) must match exactly.
        var sgd = OptimizerSettings.SgdMomentum(learningRate: 0.1, momentum: 0);
        var original = Run(new TrainingRunOptions { Seed = 3, Steps = 40, SaveEvery = 20, Optimizer = sgd });
        var continued = Run(new TrainingRunOptions
        {
            Seed = 3, Steps = 20, SaveEvery = 10, Optimizer = sgd, StartStep = 20, InitialWeights = original[1].Weights,
        });
        Assert.Equal([20L, 30, 40], continued.Select(c => c.Step));
        foreach (var (a, b) in original[1].Weights.Zip(continued[0].Weights))
            Assert.Equal(a.Values, b.Values);
        foreach (var (a, b) in original[2].Weights.Zip(continued[2].Weights))
            Assert.True(a.Values.Zip(b.Values).Max(p => Math.Abs(p.First - p.Second)) < 1e-5f, $"{a.Name} differs");
    }

    [Fact]
    public void Adam_continuation_starts_with_fresh_moments_so_it_is_not_a_resume()
    {
        var original = Run(new TrainingRunOptions { Seed = 3, Steps = 40, SaveEvery = 20 });
        var continued = Run(new TrainingRunOptions { Seed = 3, Steps = 20, SaveEvery = 20, StartStep = 20, InitialWeights = original[1].Weights });
        Assert.Equal(original[1].Weights.Get("l1.weight").Values, continued[0].Weights.Get("l1.weight").Values);
        Assert.NotEqual(original[2].Weights.Get("l1.weight").Values, continued[1].Weights.Get("l1.weight").Values);
    }

    [Fact]
    public void Initial_weights_that_do_not_fit_the_task_are_rejected_naming_the_tensor()
    {
        var mlp = Run(new TrainingRunOptions { Seed = 1, Steps = 0 })[0].Weights;
        var error = Assert.Throws<ArgumentException>(() => Run(new TrainingRunOptions { Task = DigitsCnnTask.Instance, Steps = 1, InitialWeights = mlp }));
        Assert.Contains("'conv1.weight'", error.Message, StringComparison.Ordinal);
    }
}
