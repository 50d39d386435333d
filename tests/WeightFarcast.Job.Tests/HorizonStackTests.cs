using WeightFarcast.Forecasting;
using WeightFarcast.Job.Fitting;

namespace WeightFarcast.Job.Tests;

/// <summary>Self mode's per-horizon maps stacked into one: every column keeps its own coefficients and bias.</summary>
public class HorizonStackTests
{
    [Fact]
    public void Stacked_maps_predict_exactly_what_each_part_predicts()
    {
        var parts = new[] { Map([400], [0.5f, 1.5f], [0.1f], epochs: 30, best: 25, loss: 2), Map([800, 1000], [1, 2, 3, 4], [0.2f, 0.3f], epochs: 40, best: 20, loss: 5) };

        var stacked = HorizonStack.Combine(parts);

        Assert.Equal([400, 800, 1000], stacked.HorizonSteps);
        Assert.Equal([0, 200], stacked.InputSteps);
        float[] w0 = [1, -2, 3], wn = [0.5f, 4, -1];
        var (column, expected, actual) = (0, new float[3], new float[3]);
        foreach (var part in parts)
        {
            for (var h = 0; h < part.HorizonCount; h++, column++)
            {
                part.Apply(h, w0, wn, expected);
                stacked.Apply(column, w0, wn, actual);
                Assert.Equal(expected, actual);
            }
        }
        Assert.Equal(40, stacked.Epochs);
        Assert.Equal(25, stacked.BestEpoch);
        Assert.Equal((2.0 * 1 + 5.0 * 2) / 3, stacked.BestValidationLoss, 12);
    }

    [Fact]
    public void Maps_reading_other_inputs_or_repeating_a_horizon_are_refused()
    {
        var map = Map([400], [1, 1], [0], 1, 1, 1);
        Assert.Throws<ArgumentException>(() => HorizonStack.Combine([map, map]));
        Assert.Throws<ArgumentException>(() => HorizonStack.Combine([map, map with { HorizonSteps = [800], InputSteps = [0, 100] }]));
    }

    private static FittedForecaster Map(int[] horizons, float[] coefficients, float[] bias, int epochs, int best, double loss) => new()
    {
        InputSteps = [0, 200], ObservedStep = 200, HorizonSteps = horizons, Coefficients = coefficients, Bias = bias,
        Epochs = epochs, BestEpoch = best, BestValidationLoss = loss, BestTrainLoss = loss,
    };
}
