using WeightFarcast.Tests.Shared;

namespace WeightFarcast.Training.Tests;

public class WeightsEvaluatorTests
{
    private static NamedWeights Fixture(int step) =>
        SafetensorsF32Reader.Read(RepoPaths.Fixture("digits-mlp", "seed-1", $"step-{step}.safetensors"));

    [Fact]
    public void Pytorch_fixture_at_step_0_is_at_chance_and_at_step_1500_is_trained()
    {
        var initial = WeightsEvaluator.Evaluate(Fixture(0), DigitsSplit.Eval);
        var trained = WeightsEvaluator.Evaluate(Fixture(1500), DigitsSplit.Eval);
        Assert.InRange(initial.CrossEntropyLoss, 2.2, 2.4);
        // Our eval rows may overlap the fixture's own training rows, so this is at or below its logged 0.117.
        Assert.InRange(trained.CrossEntropyLoss, 0.0, 0.2);
        Assert.True(trained.Accuracy > 0.95, $"accuracy {trained.Accuracy}");
    }

    [Fact]
    public void Evaluating_all_rows_weights_train_and_eval_by_their_size()
    {
        var weights = Fixture(1500);
        var train = WeightsEvaluator.Evaluate(weights, DigitsSplit.Train);
        var eval = WeightsEvaluator.Evaluate(weights, DigitsSplit.Eval);
        var all = WeightsEvaluator.Evaluate(weights, DigitsSplit.All);
        Assert.Equal(1797, all.Rows);
        Assert.Equal((train.CrossEntropyLoss * 1400 + eval.CrossEntropyLoss * 397) / 1797, all.CrossEntropyLoss, 5);
    }

    [Fact]
    public void Wrong_shape_is_rejected_naming_the_tensor()
    {
        var weights = new NamedWeights(Fixture(0).Select(t =>
            t.Name == "l2.weight" ? new NamedTensor(t.Name, [256, 128], t.Values) : t));
        var error = Assert.Throws<ArgumentException>(() => WeightsEvaluator.Evaluate(weights, DigitsSplit.Eval));
        Assert.Contains("'l2.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains("[256, 128]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[128, 256]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_unexpected_names_are_rejected_naming_them()
    {
        var renamed = new NamedWeights(Fixture(0).Select(t =>
            t.Name == "l3.bias" ? new NamedTensor("head.bias", t.Shape, t.Values) : t));
        var error = Assert.Throws<ArgumentException>(() => WeightsEvaluator.Evaluate(renamed, DigitsSplit.Eval));
        Assert.Contains("missing tensor(s) 'l3.bias'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected tensor(s) 'head.bias'", error.Message, StringComparison.Ordinal);
    }
}
