using WeightFarcast.TorchRuntime;
using static TorchSharp.torch;

namespace WeightFarcast.Forecasting.Tests;

public sealed class LossTests : IDisposable
{
    private KeptScalars Scalars { get; } = new();

    public void Dispose() => Scalars.Dispose();

    // Rows 0 and 1 belong to run 0, row 2 to run 1; run 2 is absent from the batch.
    private static readonly float[,] Predictions = { { 0, 1, 3 }, { 0, -1, 0 }, { 1, 1, 9 } };
    private static readonly float[] FirstDeltas = [0.5f, -0.5f, 4f];
    private static readonly long[] Groups = [0, 0, 1];
    private static readonly int[] HorizonSteps = [21, 23, 27]; // pair gaps 2 and 4

    public LossTests() => TorchEnvironment.EnsureLoaded();

    // first: run0 (0.5+0.5)/2 = 0.5, run1 4/2 = 2. Pair (21,23): run0 (1+1)/2 = 1, run1 0. Pair (23,27): run0 3/4, run1 8/4 = 2.
    [Theory]
    [InlineData(RegularizedPairs.Last, StepNorm.L1, 0.125)]     // mean(relu(0.75-0.5), relu(2-2))
    [InlineData(RegularizedPairs.AllSum, StepNorm.L1, 0.375)]   // run0 0.5 + 0.25, run1 0
    [InlineData(RegularizedPairs.AllMean, StepNorm.L1, 0.1875)] // run0 (0.5 + 0.25)/2, run1 0
    [InlineData(RegularizedPairs.Last, StepNorm.L2, 0.10273)]   // run0 relu(√5/4 − √0.5/2) = 0.20547, run1 relu(2 − 2)
    public void Step_penalty_matches_hand_computed_values(RegularizedPairs pairs, StepNorm norm, double expected)
    {
        using var scope = NewDisposeScope();
        using var penalty = new StepLengthPenalty(new StepRegularizer(1, pairs, norm), HorizonSteps, firstStepGap: 2, groupCount: 3, CPU, Scalars);
        var value = penalty.Compute(tensor(Predictions), tensor(FirstDeltas), tensor(Groups)).item<float>();
        Assert.Equal(expected, value, 4);
    }

    [Fact]
    public void Step_penalty_is_zero_without_a_predicted_pair()
    {
        using var scope = NewDisposeScope();
        using var penalty = new StepLengthPenalty(new StepRegularizer(1), [21], 1, 1, CPU, Scalars);
        Assert.False(penalty.HasPairs);
        Assert.Equal(0f, penalty.Compute(tensor(new float[,] { { 5 } }), tensor(new[] { 0f }), tensor(new[] { 0L })).item<float>());
    }

    [Fact]
    public void Step_penalty_is_zero_when_predicted_steps_are_shorter_than_the_first()
    {
        using var scope = NewDisposeScope();
        using var penalty = new StepLengthPenalty(new StepRegularizer(1), HorizonSteps, 1, 3, CPU, Scalars);
        var value = penalty.Compute(tensor(new float[,] { { 0, 0.1f, 0.2f } }), tensor(new[] { 1f }), tensor(new[] { 2L })).item<float>();
        Assert.Equal(0f, value);
    }

    [Fact]
    public void Validation_loss_is_the_mean_absolute_error_over_rows_and_horizons()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        var weights = tensor(new float[,] { { 1, 0 }, { 0, 1 } }); // [H × k]: ŷ = x + b
        var bias = tensor(new float[] { 0.5f, -1f });
        var y = tensor(new float[,] { { 1, 1 }, { 3, 5 } });
        // |1.5-1| + |1-1| + |3.5-3| + |3-5| = 0.5 + 0 + 0.5 + 2 = 3 over 4 cells; chunked by 1 row gives the same.
        Assert.Equal(0.75, ForecasterTrainer.MeanAbsoluteError(x, y, weights, bias, chunkRows: 1, Scalars), 6);
        Assert.Equal(0.75, ForecasterTrainer.MeanAbsoluteError(x, y, weights, bias, chunkRows: 100, Scalars), 6);
    }
}
