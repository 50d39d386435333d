using System.Diagnostics;
using System.Text.Json;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Demo;
using WeightFarcast.Job.Output;
using WeightFarcast.Job.Reporting;
using WeightFarcast.Training;

namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>
/// "Does it save training?": trains every task for real, farcasts each seed from (w_0, w_n) to 2n, 4n and 8n with every
/// method, and measures (a) weight error vs the actual w_H, (b) the forecast's evaluation loss read as an effective
/// step on the real loss curve, and (c) farcast-then-continue: steps to reach the loss that k more steps from w_n reach.
/// </summary>
public static class TrainingBenchmark
{
    public const string MarkdownFileName = "training.md";

    public static IReadOnlyList<TaskResult> Run(TrainingBenchmarkOptions options, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "wf-training-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Made first: an unwritable --out should fail now, not after the training.
            Directory.CreateDirectory(options.OutputDirectory);
            var runs = new BenchmarkRuns(work, progress);
            var forecasts = new BenchmarkForecasts(runs, new QuietObserver(progress), Path.Combine(work, "forecasts"));
            var results = options.Tasks.Select(task => RunTask(options.Resolve(task), options, runs, forecasts, progress, cancellationToken)).ToList();

            foreach (var result in results)
                TrainingBenchmarkPlots.Write(result, options.OutputDirectory);
            AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, MarkdownFileName), TrainingBenchmarkMarkdown.Render(results, options.Seeds, options.Command, options.Notes));
            AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, Path.ChangeExtension(MarkdownFileName, ".json")),
                JsonSerializer.Serialize(results.Select(JsonView), ReportWriter.Json) + "\n");
            return results;
        }
        finally
        {
            if (options.WorkDirectory is null && Directory.Exists(work))
                Directory.Delete(work, true);
        }
    }

    private static TaskResult RunTask(TrainingBenchmarkTask task, TrainingBenchmarkOptions options, BenchmarkRuns runs, BenchmarkForecasts forecasts,
        IProgress<string> progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var seeds = options.Seeds;
        // The pre-training run is the pre-training task's own seed run, with the same n override (one trajectory per folder).
        var initial = task.PretrainedFrom is { } key
            ? Pretrained(options.Resolve(TrainingBenchmarkTasks.Find(key)), task.PretrainSeed, runs, progress, cancellationToken)
            : null;
        var curves = seeds.ToDictionary(seed => seed, seed => runs.Trajectory(task, seed, initial, cancellationToken));

        long parameters = 0;
        var targets = new List<TargetRunResult>();
        var results = new List<ForecastResult>();
        var n = task.ObservedStep;
        foreach (var target in seeds)
        {
            var actual = curves[target];
            var observed = NamedWeightsFiles.Read(runs.CheckpointPath(task, target, n));
            parameters = observed.TotalElements;
            var baseline = runs.Continue(task, target, observed, n, cancellationToken);
            var targetLoss = baseline[^1].Loss;
            var targetRun = new TargetRunResult
            {
                Task = task.Key,
                TargetSeed = target,
                ObservedStep = n,
                ContinueSteps = task.ContinueSteps,
                ActualCurve = actual,
                BaselineCurve = baseline,
                TargetLoss = targetLoss,
                BaselineStepsToTarget = n + LossCurve.FirstStepReaching(baseline, targetLoss)!.Value,
                PlainStepsToTarget = LossCurve.FirstStepReaching(actual, targetLoss),
            };
            targets.Add(targetRun);
            var observedLoss = LossCurve.LossAt(actual, n);
            progress.Report(FormattableString.Invariant($"{task.Key} target {target}: w_n loss {observedLoss:0.0000}, target loss {targetLoss:0.0000} (k = {task.ContinueSteps})"));

            var references = seeds.Where(s => s != target).ToList();
            foreach (var method in ForecastMethods.All)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var byHorizon = forecasts.Produce(task, target, references, method, cancellationToken);
                foreach (var (horizon, forecast) in byHorizon.OrderBy(p => p.Key))
                {
                    var loss = BenchmarkRuns.Loss(task, forecast.Weights);
                    // Persistence is the w_n continuation itself. Every forecast is trained on exactly like w_n was (schedule
                    // and batches from step n: the optimizer steps actually spent), so only the starting weights differ.
                    // Resuming the schedule at H instead handed the forecasts the decayed rates of steps H..H+k.
                    var continued = method == ForecastMethod.Persistence ? null : runs.Continue(task, target, forecast.Weights, n, cancellationToken);
                    var reached = continued is null ? null : LossCurve.FirstStepReaching(continued, targetLoss);
                    results.Add(new ForecastResult
                    {
                        Task = task.Key,
                        TargetSeed = target,
                        Method = method,
                        Horizon = horizon,
                        WeightMse = forecast.Mse,
                        Gain = forecast.Map?.Gain,
                        ScaleDrift = forecast.Map?.ScaleDrift,
                        PersistenceMse = forecast.PersistenceMse,
                        LinearMse = forecast.LinearMse,
                        Loss = loss,
                        ObservedLoss = observedLoss,
                        ActualLoss = LossCurve.LossAt(actual, horizon),
                        EffectiveStep = LossCurve.FirstStepReaching(actual, loss),
                        StepsToTarget = reached is { } j ? n + j : null,
                        FinalLoss = continued?[^1].Loss,
                        ContinueCurve = continued,
                    });
                }
                progress.Report(FormattableString.Invariant($"{task.Key} target {target}: {ForecastMethods.Label(method)} done"));
            }
        }
        return new TaskResult(task, parameters, targets, results, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The fine-tune's w_0: the final weights of the pre-training task's run (trained here unless already on disk).</summary>
    private static NamedWeights Pretrained(TrainingBenchmarkTask pretraining, int seed, BenchmarkRuns runs, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var path = runs.CheckpointPath(pretraining, seed, pretraining.TrajectorySteps);
        if (!File.Exists(path))
        {
            progress.Report($"pre-training {pretraining.Key} seed {seed} for the fine-tune's w_0");
            runs.Trajectory(pretraining, seed, null, cancellationToken);
        }
        return NamedWeightsFiles.Read(path);
    }

    private static object JsonView(TaskResult result) => new
    {
        task = result.Task.Key,
        title = result.Task.Title,
        optimizer = result.Task.OptimizerLabel,
        parameters = result.Parameters,
        observed_step = result.Task.ObservedStep,
        horizons = result.Task.Horizons,
        continue_steps = result.Task.ContinueSteps,
        seconds = result.Seconds,
        targets = result.Targets,
        forecasts = result.Forecasts.Select(f => f with { ContinueCurve = null }),
    };

    /// <summary>Keeps the job's own progress out of the benchmark's log; warnings still get through.</summary>
    private sealed class QuietObserver(IProgress<string> progress) : IJobObserver
    {
        public void Stage(string stage, string detail) { }

        public void Epoch(EpochProgress progress) { }

        public void Progress(string message) { }

        public void Warning(string message) => progress.Report("warning: " + message);
    }
}
