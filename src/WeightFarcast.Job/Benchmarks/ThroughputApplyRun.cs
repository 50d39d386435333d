using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.Statistics;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Applying;
using WeightFarcast.Job.Fitting;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Sampling;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>
/// Runs the product's apply stage (<see cref="ForecastApplier"/>) on the synthetic pair with a fixed LFD-2 map, as
/// `run` would after fitting: same planning records, same outputs (committed with fsync and rename), no torch.
/// Backtesting is off, as no actual future checkpoint exists. The committed outputs are deleted afterwards.
/// </summary>
public static class ThroughputApplyRun
{
    public const int InitialStep = 0;
    public const int ObservedStep = 1000;

    public static ApplyResult Run(string initialPath, string observedPath, IReadOnlyList<TensorInfo> tensors, int horizons, string outputFolder, int? workers, CancellationToken cancellationToken)
    {
        var horizonSteps = Enumerable.Range(2, horizons).Select(k => k * ObservedStep).ToList();
        var target = new RunCheckpoints("synthetic", [InitialStep, ObservedStep], step => step == InitialStep ? initialPath : observedPath);
        var plan = new JobPlan(target, InputScheme.Lfd2, [InitialStep, ObservedStep], InitialStep, ObservedStep, horizonSteps, [], null, tensors, CheckpointFormat.Safetensors);
        var settings = new ApplySettings(outputFolder, null, Backtest: false, NonFinitePolicy.Fail, _ => new Dictionary<string, string>(), workers);
        try
        {
            return ForecastApplier.Run(plan, Forecasters(horizonSteps), settings, null, cancellationToken);
        }
        finally
        {
            // The applier removes its temp files on failure; this removes the committed outputs.
            if (Directory.Exists(outputFolder))
            {
                foreach (var step in horizonSteps)
                    File.Delete(Path.Combine(outputFolder, $"step-{step}.safetensors"));
            }
        }
    }

    /// <summary>Linear extrapolation written as a map: ŵ_h = w_n + (h - n)/n · (w_n - w_0).</summary>
    private static ForecasterSet Forecasters(IReadOnlyList<int> horizonSteps)
    {
        var coefficients = new float[2 * horizonSteps.Count];
        for (var h = 0; h < horizonSteps.Count; h++)
        {
            var slope = (float)(horizonSteps[h] - ObservedStep) / (ObservedStep - InitialStep);
            coefficients[h] = -slope;                           // A[0, h] · w_0
            coefficients[horizonSteps.Count + h] = 1 + slope;   // A[1, h] · w_n
        }
        var map = new FittedForecaster
        {
            InputSteps = [InitialStep, ObservedStep],
            ObservedStep = ObservedStep,
            HorizonSteps = horizonSteps,
            Coefficients = coefficients,
            Bias = new float[horizonSteps.Count],
        };
        return new ForecasterSet(new Dictionary<string, FittedForecaster> { [ReferenceSampler.GlobalGroup] = map }, [], TimeSpan.Zero);
    }
}
