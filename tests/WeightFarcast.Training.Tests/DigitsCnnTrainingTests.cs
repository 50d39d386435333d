namespace WeightFarcast.Training.Tests;

public class DigitsCnnTrainingTests(CnnRunFixture run) : IClassFixture<CnnRunFixture>
{
    [Fact]
    public void Adam_run_lowers_eval_loss_from_chance_to_below_0_3()
    {
        Assert.Equal("digits-cnn", run.Summary.Task);
        Assert.InRange(run.Summary.Initial.EvalLoss, 2.1, 2.5);
        Assert.True(run.Summary.Final.EvalLoss < 0.3, $"eval loss after {CnnRunFixture.Steps} steps: {run.Summary.Final.EvalLoss}");
        Assert.True(run.Summary.Final.EvalAccuracy > 0.9, $"eval accuracy: {run.Summary.Final.EvalAccuracy}");
    }

    [Fact]
    public void Checkpoints_come_at_step_0_and_every_SaveEvery_steps()
    {
        long[] expected = [0, 50, 100, 150, 200];
        Assert.Equal(expected, run.Checkpoints.Select(c => c.Step));
        Assert.Equal(expected, run.Summary.Checkpoints.Select(c => c.Step));
    }

    [Fact]
    public void Evaluating_checkpoint_weights_reproduces_the_runs_own_eval()
    {
        foreach (var (checkpoint, summary) in run.Checkpoints.Zip(run.Summary.Checkpoints))
        {
            var result = WeightsEvaluator.Evaluate(DigitsCnnTask.Instance, checkpoint.Weights, DigitsSplit.Eval);
            Assert.Equal(summary.EvalLoss, result.CrossEntropyLoss, 6);
            Assert.Equal(summary.EvalAccuracy, result.Accuracy);
        }
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_another_seed_different_ones() =>
        SeedDeterminism.AssertSameSeedSameWeights(
            seed => new TrainingRunOptions { Task = DigitsCnnTask.Instance, Seed = seed, Steps = 20, SaveEvery = 20 }, "conv1.weight");

    [Fact]
    public void Sgd_with_momentum_trains_the_cnn()
    {
        var summary = TrajectoryTrainer.Train(
            new TrainingRunOptions { Task = DigitsCnnTask.Instance, Seed = 2, Steps = 100, SaveEvery = 100, Optimizer = OptimizerSettings.SgdMomentum() },
            (_, _) => { });
        Assert.True(summary.Final.EvalLoss < 0.5, $"SGD eval loss after 100 steps: {summary.Final.EvalLoss}");
    }
}
