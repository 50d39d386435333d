using WeightFarcast.Forecasting;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Demo;
using WeightFarcast.Training;

namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>The predicted weights at one horizon and their weight-space errors against the actual w_H.</summary>
internal sealed record HorizonForecast(NamedWeights Weights, double Mse, double PersistenceMse, double LinearMse);

/// <summary>
/// Produces every method's forecasts for one target run. The product's modes go through the real farcast job (config,
/// sampling, fit, streamed apply, backtest), exactly as a user's pipeline would run them; the baselines are computed here.
/// </summary>
internal sealed class BenchmarkForecasts(BenchmarkRuns runs, IJobObserver observer, string scratchDirectory)
{
    public Dictionary<int, HorizonForecast> Produce(TrainingBenchmarkTask task, int target, IReadOnlyList<int> references, ForecastMethod method,
        Dictionary<int, HorizonForecast>? jobBaselines, CancellationToken cancellationToken) => method switch
    {
        ForecastMethod.Global => RunJob(task, target, references, "global", "references", cancellationToken),
        ForecastMethod.PerTensor => RunJob(task, target, references, "tensor", "references", cancellationToken),
        ForecastMethod.Self => RunJob(task, target, [], "global", "self", cancellationToken),
        ForecastMethod.Persistence => Baseline(task, target, jobBaselines, persistence: true),
        ForecastMethod.LinearExtrapolation => Baseline(task, target, jobBaselines, persistence: false),
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
            forecasts[horizon.Step] = new HorizonForecast(NamedWeightsFiles.Read(horizon.Output), forecast.Mse, horizon.Baselines!.Persistence.Mse, horizon.Baselines.LinearExtrapolation.Mse);
        }
        return forecasts;
    }

    /// <summary>Persistence and linear extrapolation, with the errors the job's backtest measured for them.</summary>
    private Dictionary<int, HorizonForecast> Baseline(TrainingBenchmarkTask task, int target, Dictionary<int, HorizonForecast>? jobBaselines, bool persistence)
    {
        if (jobBaselines is null)
            throw new InvalidOperationException("the baselines take their backtest errors from a job's report; run a job method first");
        var initial = NamedWeightsFiles.Read(runs.CheckpointPath(task, target, 0));
        var observed = NamedWeightsFiles.Read(runs.CheckpointPath(task, target, task.ObservedStep));
        var forecasts = new Dictionary<int, HorizonForecast>();
        foreach (var horizon in task.Horizons)
        {
            var weights = persistence ? observed : new NamedWeights(observed.Select(t =>
            {
                var values = new float[t.Values.Length];
                Baselines.LinearExtrapolation(initial.Get(t.Name).Values, 0, t.Values, task.ObservedStep, horizon, values);
                return new NamedTensor(t.Name, t.Shape, values);
            }));
            var errors = jobBaselines[horizon];
            forecasts[horizon] = new HorizonForecast(weights, persistence ? errors.PersistenceMse : errors.LinearMse, errors.PersistenceMse, errors.LinearMse);
        }
        return forecasts;
    }
}
