using System.Diagnostics;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Fitting;
using WeightFarcast.Job.Sampling;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>What `bench fit` measured: wall time of the product's fit, its epochs, and the law it recovered.</summary>
public sealed record FitBenchmarkResult(int Rows, int Horizons, double Seconds, int Epochs, int BestEpoch, float[] TrueCoefficients, float[] TrueBias, FittedForecaster Fitted);

/// <summary>
/// Times the product's fitting path (<see cref="ForecasterFitting.Fit"/> with the default forecaster config, to early
/// stopping) on synthetic rows shaped like the sampler's: several reference runs, coordinates in groups of
/// <see cref="ReferenceSampler.CoordinatesPerGroup"/>, inputs w_0 and w_n, and targets that follow a known linear law
/// plus a little noise, so the recovered coefficients can be checked against the true ones.
/// </summary>
public static class FitBenchmark
{
    public const int Runs = 5;
    private const int InitialStep = 0;
    private const int ObservedStep = 200;

    public static FitBenchmarkResult Run(int rows, int horizons, IProgress<EpochProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, Runs * ReferenceSampler.CoordinatesPerGroup);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizons);
        var (data, coefficients, bias) = Synthesize(rows, horizons, seed: 7);
        var config = new ForecasterConfig(); // the defaults a farcast.yaml without a forecaster section gets
        var clock = Stopwatch.StartNew();
        var set = ForecasterFitting.Fit(new Dictionary<string, FitData> { [ReferenceSampler.GlobalGroup] = data }, config, "cpu", progress, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var fitted = set.Any;
        return new FitBenchmarkResult(rows, horizons, seconds, fitted.Epochs, fitted.BestEpoch, coefficients, bias, fitted);
    }

    /// <summary>
    /// Rows from <see cref="Runs"/> runs. The law, as [input j, horizon h] like <see cref="FittedForecaster.Coefficient"/>:
    /// w_h = (1 - g_h) w_0 + g_h w_n + b_h with g_h growing with the horizon (weights keep moving the way they moved).
    /// </summary>
    internal static (FitData Data, float[] Coefficients, float[] Bias) Synthesize(int rows, int horizons, int seed)
    {
        var random = new Random(seed);
        var horizonSteps = Enumerable.Range(1, horizons).Select(h => ObservedStep * (1 << h)).ToArray();
        var coefficients = new float[2 * horizons];
        var bias = new float[horizons];
        for (var h = 0; h < horizons; h++)
        {
            var gain = 1f + 0.5f * (h + 1);
            coefficients[0 * horizons + h] = 1f - gain;
            coefficients[1 * horizons + h] = gain;
            bias[h] = 0.001f * (h + 1);
        }
        var inputs = new float[rows * 2];
        var targets = new float[rows * horizons];
        var firstDelta = new float[rows];
        var runIndex = new int[rows];
        var perRun = (rows + Runs - 1) / Runs;
        var groupsPerRun = (perRun + ReferenceSampler.CoordinatesPerGroup - 1) / ReferenceSampler.CoordinatesPerGroup;
        for (var i = 0; i < rows; i++)
        {
            var w0 = (float)(Normal(random) * 0.05);
            var wn = w0 + (float)(Normal(random) * 0.01);
            inputs[i * 2] = w0;
            inputs[i * 2 + 1] = wn;
            for (var h = 0; h < horizons; h++)
                targets[i * horizons + h] = coefficients[h] * w0 + coefficients[horizons + h] * wn + bias[h] + (float)(Normal(random) * 1e-4);
            firstDelta[i] = MathF.Abs(wn - w0) / ObservedStep;
            var run = i / perRun;
            runIndex[i] = run * groupsPerRun + (i % perRun) / ReferenceSampler.CoordinatesPerGroup;
        }
        var data = new FitData([InitialStep, ObservedStep], ObservedStep, horizonSteps, inputs, targets, runIndex, firstDelta, firstStepGap: 1);
        return (data, coefficients, bias);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
