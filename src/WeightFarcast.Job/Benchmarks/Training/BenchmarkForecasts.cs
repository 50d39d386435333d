using WeightFarcast.Forecasting;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Demo;
using WeightFarcast.Job.Evaluation;
using WeightFarcast.Job.Reporting;
using WeightFarcast.Training;

namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>A one-map forecaster read as w_n + Gain·(w_n − w_0) + ScaleDrift·w_0 (+ bias): see <see cref="ForecastResult.Gain"/>.</summary>
internal sealed record MapShape(double Gain, double ScaleDrift);

/// <summary>The predicted weights at one horizon, their weight-space errors against the actual w_H, and the map's shape.</summary>
internal sealed record HorizonForecast(NamedWeights Weights, double Mse, double PersistenceMse, double LinearMse, MapShape? Map = null);

/// <summary>
/// Produces every method's forecasts for one target run. The product's modes go through the real farcast job (config,
/// sampling, fit, streamed apply, backtest), exactly as a user's pipeline would run them; the baselines are computed here.
/// </summary>
internal sealed class BenchmarkForecasts(BenchmarkRuns runs, IJobObserver observer, string scratchDirectory)
{
    public Dictionary<int, HorizonForecast> Produce(TrainingBenchmarkTask task, int target, IReadOnlyList<int> references, ForecastMethod method,
        CancellationToken cancellationToken) => method switch
    {
        ForecastMethod.Global => RunJob(task, target, references, "global", ForecasterConfig.FromReferences, cancellationToken),
        ForecastMethod.PerTensor => RunJob(task, target, references, "tensor", ForecasterConfig.FromReferences, cancellationToken),
        ForecastMethod.Self => RunJob(task, target, [], "global", ForecasterConfig.FromSelf, cancellationToken),
        ForecastMethod.Persistence => Baseline(task, target, persistence: true),
        ForecastMethod.LinearExtrapolation => Baseline(task, target, persistence: false),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    private Dictionary<int, HorizonForecast> RunJob(TrainingBenchmarkTask task, int target, IReadOnlyList<int> references, string groups, string source,
        CancellationToken cancellationToken)
    {
        var output = Path.Combine(scratchDirectory, task.Key, $"seed-{target}", $"{groups}-{source}");
        var config = new FarcastConfig
        {
            Target = new TargetConfig { Checkpoints = runs.Pattern(task, target), InitialStep = 0, ObservedStep = task.ObservedStep },
            Reference = references.Select(r => runs.Pattern(task, r)).ToList(),
            Horizons = task.Horizons.Select(h => (long)h).ToList(),
            Forecaster = new ForecasterConfig { Groups = groups, Source = source },
            Output = new OutputConfig { Directory = output },
            Device = "cpu",
            Tracking = new TrackingConfig { Uri = "none" },
        };
        var settings = new EffectiveSettings(config, null, new Dictionary<string, string>(), YamlKeyLocations.Parse("{}"));
        var result = new FarcastJob(observer, _ => null).RunAsync(settings, cancellationToken).GetAwaiter().GetResult();
        var forecasts = new Dictionary<int, HorizonForecast>();
        foreach (var horizon in result.Report.Horizons)
        {
            var forecast = horizon.Forecast ?? throw new InvalidOperationException($"the job did not backtest step {horizon.Step} of {task.Key} seed {target}");
            forecasts[horizon.Step] = new HorizonForecast(NamedWeightsFiles.Read(horizon.Output), forecast.Mse, horizon.Baselines!.Persistence.Mse,
                horizon.Baselines.LinearExtrapolation.Mse, Shape(result.Report.Fit.Coefficients, horizon.Step));
        }
        return forecasts;
    }

    /// <summary>The gain and scale drift of a single map (inputs w_0, w_n); null for per-tensor maps.</summary>
    private static MapShape? Shape(IReadOnlyList<GroupCoefficients> maps, int horizon)
    {
        if (maps.Count != 1)
            return null;
        var map = maps[0];
        var h = map.HorizonSteps.ToList().IndexOf(horizon);
        double a = map.A[0][h], b = map.A[1][h];
        return new MapShape(b - 1, a + b - 1);
    }

    // The last target's baselines: persistence and linear extrapolation are computed together and asked for one by one.
    private (BaselinePair Key, Dictionary<int, HorizonForecast> Persistence, Dictionary<int, HorizonForecast> Linear)? _baselines;

    private sealed record BaselinePair(string Task, int Target);

    private Dictionary<int, HorizonForecast> Baseline(TrainingBenchmarkTask task, int target, bool persistence)
    {
        var key = new BaselinePair(task.Key, target);
        if (_baselines?.Key != key)
        {
            var (persistenceForecasts, linearForecasts) = BothBaselines(task, target);
            _baselines = (key, persistenceForecasts, linearForecasts);
        }
        return persistence ? _baselines.Value.Persistence : _baselines.Value.Linear;
    }

    /// <summary>
    /// Persistence and linear extrapolation of one target. Their errors come from one streamed comparison per horizon
    /// (<see cref="CheckpointComparison"/>, as `evaluate` and the job's backtest compute them).
    /// </summary>
    private (Dictionary<int, HorizonForecast> Persistence, Dictionary<int, HorizonForecast> Linear) BothBaselines(TrainingBenchmarkTask task, int target)
    {
        var n = task.ObservedStep;
        var (initialPath, observedPath) = (runs.CheckpointPath(task, target, 0), runs.CheckpointPath(task, target, n));
        var initial = NamedWeightsFiles.Read(initialPath);
        var observed = NamedWeightsFiles.Read(observedPath);
        var (persistence, linear) = (new Dictionary<int, HorizonForecast>(), new Dictionary<int, HorizonForecast>());
        foreach (var horizon in task.Horizons)
        {
            var errors = CheckpointComparison.Compare(observedPath, runs.CheckpointPath(task, target, horizon), (initialPath, 0, observedPath, n, horizon));
            var (persistenceMse, linearMse) = (errors.Persistence!.Mse, errors.LinearExtrapolation!.Mse);
            var extrapolated = new NamedWeights(observed.Select(t =>
            {
                var values = new float[t.Values.Length];
                Baselines.LinearExtrapolation(initial.Get(t.Name).Values, 0, t.Values, n, horizon, values);
                return new NamedTensor(t.Name, t.Shape, values);
            }));
            persistence[horizon] = new HorizonForecast(observed, persistenceMse, persistenceMse, linearMse);
            linear[horizon] = new HorizonForecast(extrapolated, linearMse, persistenceMse, linearMse);
        }
        return (persistence, linear);
    }
}
