using WeightFarcast.Training;

namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>
/// The four tasks of the benchmark (issue "Does it save training?"): two digits classifiers, a character-level
/// transformer LM, and a fine-tune of that LM on a second text. Optimizers differ on purpose: Adam, SGD with momentum,
/// and AdamW with warm-up + cosine decay, so a forecaster cannot lean on one optimizer's dynamics.
/// </summary>
public static class TrainingBenchmarkTasks
{
    public static TrainingBenchmarkTask Mlp { get; } = new()
    {
        Key = "mlp",
        Title = "Digits MLP (Adam)",
        Task = DigitsMlpTask.Instance,
        Optimizer = OptimizerSettings.Adam(1e-3),
        OptimizerLabel = "Adam, lr 1e-3, constant",
        ObservedStep = 64,
    };

    public static TrainingBenchmarkTask Cnn { get; } = new()
    {
        Key = "cnn",
        Title = "Digits CNN (SGD with momentum)",
        Task = DigitsCnnTask.Instance,
        Optimizer = OptimizerSettings.SgdMomentum(0.05, 0.9),
        OptimizerLabel = "SGD, lr 0.05, momentum 0.9, constant",
        ObservedStep = 64,
    };

    public static TrainingBenchmarkTask CharLm { get; } = new()
    {
        Key = "lm",
        Title = "Character transformer LM, The Devil's Dictionary (AdamW + warm-up/cosine)",
        Task = CharLmTask.DevilsDictionary,
        Optimizer = OptimizerSettings.AdamW(3e-3, 0.01),
        OptimizerLabel = "AdamW, lr 3e-3, weight decay 0.01, 16 warm-up steps then cosine over 10n (0.1x at its end)",
        ObservedStep = 64,
        WarmupSteps = 16,
    };

    public static TrainingBenchmarkTask FineTune { get; } = new()
    {
        Key = "finetune",
        Title = "Fine-tune of the LM on Genesis (AdamW + warm-up/cosine; w_0 = pre-trained)",
        Task = CharLmTask.Genesis,
        Optimizer = OptimizerSettings.AdamW(1e-3, 0.01),
        OptimizerLabel = "AdamW, lr 1e-3, weight decay 0.01, 8 warm-up steps then cosine over 10n (0.1x at its end)",
        ObservedStep = 32,
        WarmupSteps = 8,
        PretrainedFrom = "lm",
    };

    public static IReadOnlyList<TrainingBenchmarkTask> All { get; } = [Mlp, Cnn, CharLm, FineTune];

    public static TrainingBenchmarkTask Find(string key) =>
        All.FirstOrDefault(t => t.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
        ?? throw new Planning.JobInputException($"unknown task '{key}' (tasks: {string.Join(", ", All.Select(t => t.Key))})");
}
