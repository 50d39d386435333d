namespace WeightFarcast.Training.Tests;

public class CharLmTrainingTests(LmRunsFixture runs) : IClassFixture<LmRunsFixture>
{
    private static readonly double ChanceLoss = Math.Log(CharVocabulary.Size); // 4.56

    [Fact]
    public void Pretraining_lowers_held_out_token_loss_from_chance_by_more_than_a_third()
    {
        Assert.Equal("char-lm-devils-dictionary", runs.Pretrain.Task);
        Assert.InRange(runs.Pretrain.Initial.EvalLoss, ChanceLoss - 0.1, ChanceLoss + 0.1);
        Assert.True(runs.Pretrain.Final.EvalLoss < ChanceLoss * 2 / 3, $"eval loss after {LmRunsFixture.PretrainSteps} steps: {runs.Pretrain.Final.EvalLoss}");
        Assert.True(runs.Pretrain.Final.EvalAccuracy > 0.2, $"next-character accuracy {runs.Pretrain.Final.EvalAccuracy}");
    }

    [Fact]
    public void Checkpoints_come_at_step_0_and_every_SaveEvery_steps()
    {
        Assert.Equal([0L, 50, 100, 150], runs.PretrainCheckpoints.Select(c => c.Step));
        Assert.Equal([0L, 50, 100], runs.FineTuneCheckpoints.Select(c => c.Step));
        Assert.Equal(runs.PretrainCheckpoints.Select(c => c.Step), runs.Pretrain.Checkpoints.Select(c => c.Step));
    }

    [Fact]
    public void Evaluating_checkpoint_weights_reproduces_the_runs_own_eval()
    {
        foreach (var (checkpoint, summary) in runs.PretrainCheckpoints.Zip(runs.Pretrain.Checkpoints))
        {
            var result = WeightsEvaluator.Evaluate(CharLmTask.DevilsDictionary, checkpoint.Weights, DigitsSplit.Eval);
            Assert.Equal(summary.EvalLoss, result.CrossEntropyLoss, 6);
            Assert.Equal(summary.EvalAccuracy, result.Accuracy);
            // 35,516 held-out characters cut into windows of 64 predicted tokens: 554 windows.
            Assert.Equal(554 * 64, result.Rows);
        }
    }

    [Fact]
    public void Fine_tuning_starts_exactly_from_the_pretrained_weights()
    {
        var pretrained = runs.PretrainCheckpoints[^1].Weights;
        var start = runs.FineTuneCheckpoints[0].Weights;
        Assert.Equal(pretrained.Names, start.Names);
        foreach (var (a, b) in pretrained.Zip(start))
            Assert.Equal(a.Values, b.Values);
        var onGenesis = WeightsEvaluator.Evaluate(CharLmTask.Genesis, pretrained, DigitsSplit.Eval);
        Assert.Equal(onGenesis.CrossEntropyLoss, runs.FineTune.Initial.EvalLoss, 6);
    }

    [Fact]
    public void Fine_tuning_lowers_the_loss_on_the_second_text_from_a_head_start()
    {
        // Pre-trained weights already know English characters, so Genesis starts far below chance ...
        Assert.True(runs.FineTune.Initial.EvalLoss < ChanceLoss - 1, $"Genesis loss of the pre-trained weights {runs.FineTune.Initial.EvalLoss}");
        // ... and fine-tuning lowers it further.
        Assert.True(runs.FineTune.Final.EvalLoss < runs.FineTune.Initial.EvalLoss - 0.2,
            $"Genesis eval loss {runs.FineTune.Initial.EvalLoss} -> {runs.FineTune.Final.EvalLoss}");
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_another_seed_different_ones() =>
        SeedDeterminism.AssertSameSeedSameWeights(
            seed => LmRunsFixture.Options(CharLmTask.DevilsDictionary, seed, 10) with { SaveEvery = 10 }, "blocks.0.attn.qkv.weight");
}
