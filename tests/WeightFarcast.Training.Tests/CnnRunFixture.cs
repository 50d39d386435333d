namespace WeightFarcast.Training.Tests;

/// <summary>One 200-step Adam run of the digits CNN shared by the tests that only inspect a finished run.</summary>
public sealed class CnnRunFixture
{
    public const int Steps = 200;
    public const int SaveEvery = 50;

    public CnnRunFixture()
    {
        Summary = TrajectoryTrainer.Train(
            new TrainingRunOptions { Task = DigitsCnnTask.Instance, Seed = 1, Steps = Steps, SaveEvery = SaveEvery },
            (step, weights) => Checkpoints.Add((step, weights)));
    }

    public TrainingRunSummary Summary { get; }

    public List<(long Step, NamedWeights Weights)> Checkpoints { get; } = [];
}
