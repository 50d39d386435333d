namespace WeightFarcast.Training.Tests;

/// <summary>One 300-step Adam run shared by the tests that only inspect a finished run.</summary>
public sealed class TrainedRunFixture
{
    public const int Steps = 300;
    public const int SaveEvery = 50;

    public TrainedRunFixture()
    {
        Summary = TrajectoryTrainer.Train(
            new TrainingRunOptions { Seed = 1, Steps = Steps, SaveEvery = SaveEvery },
            (step, weights) => Checkpoints.Add((step, weights)));
    }

    public TrainingRunSummary Summary { get; }

    public List<(long Step, NamedWeights Weights)> Checkpoints { get; } = [];
}
