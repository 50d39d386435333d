namespace WeightFarcast.Training;

/// <summary>One training run. Step s means "after s optimizer updates"; step 0 is the initial weights.</summary>
public sealed record TrainingRunOptions
{
    /// <summary>Fixes the initial weights and the batch order; the data split does not depend on it.</summary>
    public int Seed { get; init; }

    /// <summary>Number of optimizer updates.</summary>
    public int Steps { get; init; } = 600;

    /// <summary>Checkpoint at step 0, every SaveEvery steps, and at the last step.</summary>
    public int SaveEvery { get; init; } = 50;

    public int BatchSize { get; init; } = 64;

    public OptimizerSettings Optimizer { get; init; } = OptimizerSettings.Adam();

    public ITrainingTask Task { get; init; } = DigitsMlpTask.Instance;

    /// <summary>
    /// Start from these weights instead of the seed's initialisation: fine-tuning (pre-trained weights on a new task)
    /// or continuing a run (a checkpoint or a farcast). The step-<see cref="StartStep"/> checkpoint equals them exactly.
    /// Optimizer state always starts fresh (zero Adam moments, no momentum buffer, bias correction from 1): this is
    /// "train k more steps from these weights", not a resume, which would also restore the moments.
    /// </summary>
    public NamedWeights? InitialWeights { get; init; }

    /// <summary>
    /// The step number of the initial weights, for continuing a run from step n: checkpoints are numbered from it
    /// (saved at StartStep, at multiples of SaveEvery, and at StartStep + Steps), the schedule goes on from update
    /// n + 1, and the batches are those the same seed gives to updates n + 1, n + 2, ... (the first n are drawn and skipped).
    /// </summary>
    public int StartStep { get; init; }

    /// <summary>Learning-rate schedule applied before every update; null keeps the optimizer's rate. Needs AdamW.</summary>
    public WarmupCosineSchedule? Schedule { get; init; }

    internal void Validate()
    {
        if (Steps < 0)
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "steps must be >= 0");
        if (SaveEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(SaveEvery), SaveEvery, "SaveEvery must be >= 1");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be >= 1");
        if (StartStep < 0)
            throw new ArgumentOutOfRangeException(nameof(StartStep), StartStep, "the start step must be >= 0");
        ArgumentNullException.ThrowIfNull(Optimizer);
        ArgumentNullException.ThrowIfNull(Task);
        Optimizer.Validate();
        Schedule?.Validate();
    }
}
