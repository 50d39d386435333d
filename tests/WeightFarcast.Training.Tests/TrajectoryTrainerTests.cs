namespace WeightFarcast.Training.Tests;

public class TrajectoryTrainerTests(TrainedRunFixture run) : IClassFixture<TrainedRunFixture>
{
    [Fact]
    public void Adam_run_lowers_eval_loss_from_chance_to_below_0_3()
    {
        Assert.InRange(run.Summary.Initial.EvalLoss, 2.1, 2.5); // ln 10 = 2.30
        Assert.True(run.Summary.Final.EvalLoss < 0.3, $"eval loss after {TrainedRunFixture.Steps} steps: {run.Summary.Final.EvalLoss}");
        Assert.True(run.Summary.Final.EvalAccuracy > 0.9, $"eval accuracy: {run.Summary.Final.EvalAccuracy}");
        Assert.Equal(TrainedRunFixture.Steps, run.Summary.TrainLoss.Count);
        Assert.True(run.Summary.TrainLoss.TakeLast(20).Average() < run.Summary.TrainLoss.Take(20).Average() / 4);
    }

    [Fact]
    public void Checkpoints_come_at_step_0_and_every_SaveEvery_steps_with_their_eval()
    {
        long[] expected = [0, 50, 100, 150, 200, 250, 300];
        Assert.Equal(expected, run.Checkpoints.Select(c => c.Step));
        Assert.Equal(expected, run.Summary.Checkpoints.Select(c => c.Step));
    }

    [Fact]
    public void Evaluating_checkpoint_weights_reproduces_the_runs_own_eval()
    {
        foreach (var (checkpoint, summary) in run.Checkpoints.Zip(run.Summary.Checkpoints))
        {
            var result = WeightsEvaluator.Evaluate(checkpoint.Weights, DigitsSplit.Eval);
            Assert.Equal(summary.EvalLoss, result.CrossEntropyLoss, 6);
            Assert.Equal(summary.EvalAccuracy, result.Accuracy);
            Assert.Equal(397, result.Rows);
        }
    }

    [Fact]
    public void Checkpoints_are_independent_copies()
    {
        var first = run.Checkpoints[0].Weights.Get("l1.weight").Values;
        var last = run.Checkpoints[^1].Weights.Get("l1.weight").Values;
        Assert.NotEqual(first, last);
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_another_seed_different_ones()
    {
        var a = TrainFinalWeights(seed: 7);
        var b = TrainFinalWeights(seed: 7);
        var c = TrainFinalWeights(seed: 8);
        foreach (var (x, y) in a.Zip(b))
            Assert.Equal(x.Values, y.Values);
        Assert.NotEqual(a.Get("l1.weight").Values, c.Get("l1.weight").Values);
    }

    [Fact]
    public void Last_step_is_saved_even_off_the_SaveEvery_grid()
    {
        var steps = new List<long>();
        var summary = TrajectoryTrainer.Train(new TrainingRunOptions { Seed = 3, Steps = 25, SaveEvery = 10 }, (step, _) => steps.Add(step));
        Assert.Equal([0L, 10, 20, 25], steps);
        Assert.Equal(steps, summary.Checkpoints.Select(c => c.Step));
    }

    [Fact]
    public void Sgd_with_momentum_also_learns()
    {
        var summary = TrajectoryTrainer.Train(
            new TrainingRunOptions { Seed = 2, Steps = 150, SaveEvery = 150, Optimizer = OptimizerSettings.SgdMomentum() },
            (_, _) => { });
        Assert.True(summary.Final.EvalLoss < 0.4, $"SGD eval loss after 150 steps: {summary.Final.EvalLoss}");
    }

    [Fact]
    public void Six_hundred_steps_take_seconds_not_minutes()
    {
        // About 0.3 s on an idle core; the bound leaves room for a machine shared with other jobs.
        var summary = TrajectoryTrainer.Train(new TrainingRunOptions { Seed = 4, Steps = 600, SaveEvery = 100 }, (_, _) => { });
        Assert.True(summary.Elapsed < TimeSpan.FromSeconds(10), $"600 steps took {summary.Elapsed}");
    }

    [Fact]
    public void Cancellation_stops_the_run()
    {
        using var cancel = new CancellationTokenSource();
        var saved = new List<long>();
        Assert.ThrowsAny<OperationCanceledException>(() => TrajectoryTrainer.Train(
            new TrainingRunOptions { Seed = 1, Steps = 1000, SaveEvery = 5 },
            (step, _) => { saved.Add(step); if (step == 10) cancel.Cancel(); },
            cancel.Token));
        Assert.Equal([0L, 5, 10], saved);
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(10, 0)]
    public void Invalid_options_are_rejected_before_training(int saveEvery, int batchSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrajectoryTrainer.Train(
            new TrainingRunOptions { Steps = 10, SaveEvery = saveEvery, BatchSize = batchSize }, (_, _) => { }));
    }

    private static NamedWeights TrainFinalWeights(int seed)
    {
        NamedWeights? last = null;
        TrajectoryTrainer.Train(new TrainingRunOptions { Seed = seed, Steps = 60, SaveEvery = 60 }, (_, w) => last = w);
        return last!;
    }
}
