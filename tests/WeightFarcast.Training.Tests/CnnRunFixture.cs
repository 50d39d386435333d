namespace WeightFarcast.Training.Tests;

/// <summary>One 200-step Adam run of the digits CNN shared by the tests that only inspect a finished run.</summary>
public sealed class CnnRunFixture() : RecordedRun(new TrainingRunOptions { Task = DigitsCnnTask.Instance, Seed = 1, Steps = Steps, SaveEvery = SaveEvery })
{
    public const int Steps = 200;
    public const int SaveEvery = 50;
}
