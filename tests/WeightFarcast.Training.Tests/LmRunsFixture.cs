namespace WeightFarcast.Training.Tests;

/// <summary>
/// Pre-training on the Devil's Dictionary (AdamW, warm-up + cosine), then fine-tuning on Genesis from its final
/// weights: shared by the tests that only inspect the finished runs.
/// </summary>
public sealed class LmRunsFixture
{
    public const int PretrainSteps = 150;
    public const int FineTuneSteps = 100;
    public const int SaveEvery = 50;

    public static TrainingRunOptions Options(ITrainingTask task, int seed, int steps) => new()
    {
        Task = task,
        Seed = seed,
        Steps = steps,
        SaveEvery = SaveEvery,
        BatchSize = 32,
        Optimizer = OptimizerSettings.AdamW(3e-3, weightDecay: 0.01),
        Schedule = new WarmupCosineSchedule(WarmupSteps: steps / 10, TotalSteps: steps),
    };

    public LmRunsFixture()
    {
        Pretrain = TrajectoryTrainer.Train(Options(CharLmTask.DevilsDictionary, 1, PretrainSteps), (step, w) => PretrainCheckpoints.Add((step, w)));
        FineTune = TrajectoryTrainer.Train(
            Options(CharLmTask.Genesis, 2, FineTuneSteps) with { InitialWeights = PretrainCheckpoints[^1].Weights },
            (step, w) => FineTuneCheckpoints.Add((step, w)));
    }

    public TrainingRunSummary Pretrain { get; }

    public List<(long Step, NamedWeights Weights)> PretrainCheckpoints { get; } = [];

    public TrainingRunSummary FineTune { get; }

    public List<(long Step, NamedWeights Weights)> FineTuneCheckpoints { get; } = [];
}
