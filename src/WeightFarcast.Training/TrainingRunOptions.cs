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

    internal void Validate()
    {
        if (Steps < 0)
            throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "steps must be >= 0");
        if (SaveEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(SaveEvery), SaveEvery, "SaveEvery must be >= 1");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be >= 1");
        ArgumentNullException.ThrowIfNull(Optimizer);
        ArgumentNullException.ThrowIfNull(Task);
        Optimizer.Validate();
    }
}
