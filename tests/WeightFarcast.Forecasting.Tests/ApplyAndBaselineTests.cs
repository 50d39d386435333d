namespace WeightFarcast.Forecasting.Tests;

public class ApplyAndBaselineTests
{
    private static FittedForecaster Forecaster(int[] inputSteps, float[] coefficients, float[] bias) => new()
    {
        InputSteps = inputSteps,
        ObservedStep = inputSteps[^1],
        HorizonSteps = Enumerable.Range(1, bias.Length).Select(h => inputSteps[^1] + 10 * h).ToArray(),
        Coefficients = coefficients,
        Bias = bias,
    };

    [Fact]
    public void Two_input_apply_matches_hand_computed_values()
    {
        // A = [[a00, a01], [a10, a11]] laid out [k × H]; horizon 1 uses column 1: ŵ = -0.5·w0 + 1.5·wn + 0.25.
        var forecaster = Forecaster([0, 20], [0.1f, -0.5f, 0.9f, 1.5f], [0f, 0.25f]);
        float[] w0 = [1f, 2f, -3f];
        float[] wn = [2f, 0f, 1f];
        var output = new float[3];
        forecaster.Apply(1, w0, wn, output);
        Assert.Equal([-0.5f + 3f + 0.25f, -1f + 0.25f, 1.5f + 1.5f + 0.25f], output);
        Assert.Equal(1.5f, forecaster.Coefficient(1, 1));
        Assert.Equal(1, forecaster.HorizonIndex(40));
        Assert.Equal(-1, forecaster.HorizonIndex(41));
    }

    [Fact]
    public void Generic_apply_agrees_with_a_scalar_loop_across_tiles_and_vector_tails()
    {
        const int length = 4096 * 2 + 13; // crosses a tile boundary and leaves a non-vector tail
        var forecaster = Forecaster([0, 6, 10, 15], [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], [0.5f, -1f]);
        var random = new SeededRandom(3);
        var inputs = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, length).Select(_ => (float)random.NextGaussian()).ToArray()).ToArray();
        var output = new float[length];
        forecaster.Apply(1, inputs.Select(a => (ReadOnlyMemory<float>)a).ToArray(), output);
        for (var i = 0; i < length; i++)
        {
            var expected = -1f + 2f * inputs[0][i] + 4f * inputs[1][i] + 6f * inputs[2][i] + 8f * inputs[3][i];
            Assert.Equal(expected, output[i], 4);
        }
    }

    [Fact]
    public void One_input_apply_and_shape_errors()
    {
        var forecaster = Forecaster([20], [2f], [1f]);
        var output = new float[2];
        forecaster.Apply(0, [1f, -1f], output);
        Assert.Equal([3f, -1f], output);
        Assert.Throws<ArgumentOutOfRangeException>(() => forecaster.Apply(1, [1f, -1f], output));
        Assert.Throws<ArgumentException>(() => forecaster.Apply(0, new float[2], new float[2], output));
        Assert.Throws<ArgumentException>(() => forecaster.Apply(0, new float[3], output));
    }

    [Fact]
    public void Persistence_repeats_the_observed_weights()
    {
        float[] wn = [1f, -2f, 3f];
        var output = new float[3];
        Baselines.Persistence(wn, output);
        Assert.Equal(wn, output);
    }

    [Fact]
    public void Linear_extrapolation_continues_the_per_step_slope()
    {
        // s0 = 10, n = 30, h = 70: slope (wn − w0)/20 per step, 40 steps further → wn + 2 (wn − w0).
        float[] w0 = [1f, 0f, 5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f];
        float[] wn = [2f, -1f, 5f, 1f, 1f, 1f, 1f, 1f, 1f, 1.5f];
        var output = new float[w0.Length];
        Baselines.LinearExtrapolation(w0, 10, wn, 30, 70, output);
        for (var i = 0; i < w0.Length; i++)
            Assert.Equal(wn[i] + 2f * (wn[i] - w0[i]), output[i], 5);
        Assert.Throws<ArgumentException>(() => Baselines.LinearExtrapolation(w0, 30, wn, 30, 70, output));
    }
}
