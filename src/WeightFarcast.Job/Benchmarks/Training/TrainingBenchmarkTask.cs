using WeightFarcast.Training;

namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>
/// One task of the training benchmark: what is trained, with which optimizer, and the benchmark's step grid. Steps are
/// counted in optimizer updates; w_0 is step 0 (the seed's initialisation, or the pre-trained weights when fine-tuning).
/// </summary>
public sealed record TrainingBenchmarkTask
{
    /// <summary>Short name used on the command line and in file names: mlp, cnn, lm, finetune.</summary>
    public required string Key { get; init; }

    public required string Title { get; init; }

    public required ITrainingTask Task { get; init; }

    public required OptimizerSettings Optimizer { get; init; }

    /// <summary>How the optimizer is described in the report (kind, rate, schedule).</summary>
    public required string OptimizerLabel { get; init; }

    /// <summary>n: the last observed step of every target run.</summary>
    public required int ObservedStep { get; init; }

    /// <summary>Warm-up steps of a warm-up + cosine schedule over the whole run; null keeps the optimizer's rate.</summary>
    public int? WarmupSteps { get; init; }

    /// <summary>The key of the task whose seed-<see cref="PretrainSeed"/> final weights are this task's w_0 (fine-tuning).</summary>
    public string? PretrainedFrom { get; init; }

    public int PretrainSeed { get; init; } = 1;

    public int BatchSize { get; init; } = 64;

    /// <summary>Checkpoints every n/8 steps: the self-fit mode needs w_{n/8} for H = 8n, and curves need the resolution.</summary>
    public int SaveEvery => ObservedStep / 8;

    /// <summary>Horizons 2n, 4n and 8n.</summary>
    public IReadOnlyList<int> Horizons => [2 * ObservedStep, 4 * ObservedStep, 8 * ObservedStep];

    /// <summary>Every run is trained to the last horizon, so each forecast has its actual w_H and loss curve.</summary>
    public int TrajectorySteps => 8 * ObservedStep;

    /// <summary>k: steps trained on from each forecast and from w_n in the farcast-then-continue part.</summary>
    public int ContinueSteps => 2 * ObservedStep;

    /// <summary>
    /// Warm-up then cosine decay over 8n + k steps: a schedule longer than the benchmark's window, as a real run's is, so
    /// the rate is still well above its floor at 8n (continuations run from n to n + k on the same schedule).
    /// </summary>
    public WarmupCosineSchedule? Schedule => WarmupSteps is { } warmup ? new WarmupCosineSchedule(warmup, TrajectorySteps + ContinueSteps) : null;

    /// <summary>The same task with another observed step (the tests' quick runs); warm-up scales with it.</summary>
    public TrainingBenchmarkTask WithObservedStep(int observedStep) => this with
    {
        ObservedStep = observedStep,
        WarmupSteps = WarmupSteps is { } warmup ? Math.Max(1, (int)((long)warmup * observedStep / ObservedStep)) : null,
    };

    internal void Validate()
    {
        if (ObservedStep < 8 || ObservedStep % 8 != 0)
            throw new Planning.JobInputException($"task {Key}: the observed step must be a positive multiple of 8 (got {ObservedStep}); checkpoints are saved every n/8 steps");
    }
}
