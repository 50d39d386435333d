namespace WeightFarcast.Training.Tests;

/// <summary>One training run with every checkpoint kept in memory, for class fixtures shared by tests that only inspect it.</summary>
public abstract class RecordedRun
{
    protected RecordedRun(TrainingRunOptions options)
    {
        Summary = TrajectoryTrainer.Train(options, (step, weights) => Checkpoints.Add((step, weights)));
    }

    public TrainingRunSummary Summary { get; }

    public List<(long Step, NamedWeights Weights)> Checkpoints { get; } = [];
}
