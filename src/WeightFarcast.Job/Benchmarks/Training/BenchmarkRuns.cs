using System.Globalization;
using WeightFarcast.Job.Demo;
using WeightFarcast.Training;

namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>
/// The real training behind the benchmark: full trajectories saved as ordinary checkpoint files (what the farcast job
/// reads), and short continuations from given weights, which are only evaluated. Everything is seeded and repeatable.
/// </summary>
internal sealed class BenchmarkRuns(string workDirectory, IProgress<string> progress)
{
    public string RunFolder(TrainingBenchmarkTask task, int seed) => Path.Combine(workDirectory, "runs", task.Key, $"seed-{seed}");

    public string Pattern(TrainingBenchmarkTask task, int seed) => Path.Combine(RunFolder(task, seed), "step-{step}.safetensors");

    public string CheckpointPath(TrainingBenchmarkTask task, int seed, long step) =>
        Path.Combine(RunFolder(task, seed), $"step-{step.ToString(CultureInfo.InvariantCulture)}.safetensors");

    /// <summary>Trains seed <paramref name="seed"/> from w_0 to 8n, saving every n/8 steps; returns the evaluation-loss curve.</summary>
    public IReadOnlyList<LossPoint> Trajectory(TrainingBenchmarkTask task, int seed, NamedWeights? initialWeights, CancellationToken cancellationToken)
    {
        var folder = RunFolder(task, seed);
        Directory.CreateDirectory(folder);
        var summary = TrajectoryTrainer.Train(Options(task, seed, initialWeights, 0, task.TrajectorySteps),
            (step, weights) => NamedWeightsFiles.Write(weights, CheckpointPath(task, seed, step), new Dictionary<string, string>
            {
                ["weightfarcast.kind"] = "benchmark-checkpoint",
                ["task"] = task.Task.Name,
                ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
                ["step"] = step.ToString(CultureInfo.InvariantCulture),
            }),
            cancellationToken);
        progress.Report(FormattableString.Invariant(
            $"{task.Key} seed {seed}: {task.TrajectorySteps} steps, eval loss {summary.Initial.EvalLoss:0.000} -> {summary.Final.EvalLoss:0.000} in {summary.Elapsed.TotalSeconds:0.0} s"));
        return summary.Checkpoints.Select(c => new LossPoint(c.Step, c.EvalLoss)).ToList();
    }

    /// <summary>
    /// Trains k more steps from <paramref name="weights"/> as if they were step <paramref name="startStep"/> (the
    /// schedule and batch order go on from there) with fresh optimizer state; steps in the curve count from the start.
    /// </summary>
    public IReadOnlyList<LossPoint> Continue(TrainingBenchmarkTask task, int seed, NamedWeights weights, int startStep, CancellationToken cancellationToken)
    {
        var summary = TrajectoryTrainer.Train(Options(task, seed, weights, startStep, task.ContinueSteps), (_, _) => { }, cancellationToken);
        return summary.Checkpoints.Select(c => new LossPoint(c.Step - startStep, c.EvalLoss)).ToList();
    }

    public static double Loss(TrainingBenchmarkTask task, NamedWeights weights) =>
        WeightsEvaluator.Evaluate(task.Task, weights, DigitsSplit.Eval).CrossEntropyLoss;

    private static TrainingRunOptions Options(TrainingBenchmarkTask task, int seed, NamedWeights? initialWeights, int startStep, int steps) => new()
    {
        Task = task.Task,
        Seed = seed,
        Steps = steps,
        SaveEvery = task.SaveEvery,
        BatchSize = task.BatchSize,
        Optimizer = task.Optimizer,
        Schedule = task.Schedule,
        InitialWeights = initialWeights,
        StartStep = startStep,
    };
}
