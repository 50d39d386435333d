namespace WeightFarcast.Training.Tests;

/// <summary>One 300-step Adam run shared by the tests that only inspect a finished run.</summary>
public sealed class TrainedRunFixture() : RecordedRun(new TrainingRunOptions { Seed = 1, Steps = Steps, SaveEvery = SaveEvery })
{
    public const int Steps = 300;
    public const int SaveEvery = 50;
}
