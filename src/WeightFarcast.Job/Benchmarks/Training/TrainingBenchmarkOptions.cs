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

    /// <summary>Markdown with the analysis of the results, put under "Findings" (written after looking at a run).</summary>
    public string? Notes { get; init; }

    internal void Validate()
    {
        if (Tasks.Count == 0)
            throw new Planning.JobInputException("--tasks: name at least one task");
        if (Seeds.Count < 2 || Seeds.Distinct().Count() != Seeds.Count)
            throw new Planning.JobInputException("--seeds: give at least two distinct seeds (each is the target once, the others its references)");
        foreach (var task in Tasks)
            task.Validate();
    }
}
