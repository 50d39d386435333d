namespace WeightFarcast.Job.Benchmarks.Training;

public sealed record TrainingBenchmarkOptions
{
    public required IReadOnlyList<TrainingBenchmarkTask> Tasks { get; init; }

    /// <summary>Each seed is the target once; the others are its reference runs. At least 4 gives 3 references per target.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3, 4];

    /// <summary>Folder for training.md, training.json and the plots.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Where checkpoints and forecasts go; null: a temporary folder, deleted afterwards.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>The command line that produced the results, written at the top of training.md.</summary>
    public required string Command { get; init; }

    /// <summary>Replaces every task's n (and its fine-tune's pre-training run's) for quick runs; null keeps the defaults.</summary>
    public int? ObservedStepOverride { get; init; }

    /// <summary>Markdown with the analysis of the results, put under "Findings" (written after looking at a run).</summary>
    public string? Notes { get; init; }

    /// <summary>The task as this run trains it: with <see cref="ObservedStepOverride"/> applied.</summary>
    public TrainingBenchmarkTask Resolve(TrainingBenchmarkTask task) =>
        ObservedStepOverride is { } n ? task.WithObservedStep(n) : task;

    internal void Validate()
    {
        if (Tasks.Count == 0)
            throw new Planning.JobInputException("--tasks: name at least one task");
        if (Seeds.Count < 2 || Seeds.Distinct().Count() != Seeds.Count)
            throw new Planning.JobInputException("--seeds: give at least two distinct seeds (each is the target once, the others its references)");
        var repeated = Tasks.GroupBy(t => t.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
            throw new Planning.JobInputException($"--tasks: {string.Join(", ", repeated)} given more than once");
        foreach (var task in Tasks)
            Resolve(task).Validate();
    }
}
