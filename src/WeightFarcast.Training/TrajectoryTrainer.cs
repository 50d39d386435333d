using System.Diagnostics;
using WeightFarcast.TorchRuntime;
using WeightFarcast.TorchRuntime.Optimizers;
using static TorchSharp.torch;

namespace WeightFarcast.Training;

/// <summary>
/// Trains one run on the CPU and hands out its checkpoint trajectory as plain weights. Synchronous on
/// purpose: TorchSharp dispose scopes are thread-static, so the whole run stays on the calling thread.
/// Deterministic for a given seed: initial weights come from a per-run generator and batches from a
/// seeded shuffle; nothing reads torch's global RNG.
/// </summary>
public static class TrajectoryTrainer
{
    // Keeps the batch-order stream apart from the initialisation stream of the same seed.
    private const ulong BatchStreamSalt = 0xB47C_0DE5_0F_D161_75UL;

    public static TrainingRunSummary Train(
        TrainingRunOptions options,
        Action<long, NamedWeights> onCheckpoint,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onCheckpoint);
        options.Validate();
        TorchEnvironment.EnsureLoaded();

        var clock = Stopwatch.StartNew();
        var task = options.Task;
        var trainLoss = new float[options.Steps];
        var checkpoints = new List<CheckpointEvaluation>();

        using var runScope = NewDisposeScope();
        using var generator = new Generator(unchecked((ulong)options.Seed));
        using var model = task.CreateModel(generator);
        if (options.InitialWeights is { } initialWeights)
            ModuleWeights.Load(model, initialWeights);
        using var optimizer = options.Optimizer.Create(model.parameters());
        using var batches = task.OpenTrainBatches(options.BatchSize, unchecked((ulong)options.Seed) ^ BatchStreamSalt);
        var schedule = options.Schedule;

        void Checkpoint(long step)
        {
            var eval = task.Evaluate(model, DigitsSplit.Eval);
            checkpoints.Add(new CheckpointEvaluation(step, eval.CrossEntropyLoss, eval.Accuracy));
            onCheckpoint(step, ModuleWeights.Capture(model));
        }

        // A continued run sees the batches the same seed gives to its steps, not the first ones again.
        for (var skipped = 0; skipped < options.StartStep; skipped++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var skipScope = NewDisposeScope();
            batches.Next();
        }

        model.train();
        var lastStep = options.StartStep + options.Steps;
        Checkpoint(options.StartStep);
        for (var step = options.StartStep + 1; step <= lastStep; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (schedule is not null)
                optimizer.LearningRate = options.Optimizer.LearningRate * schedule.Factor(step);
            using (var stepScope = NewDisposeScope())
            {
                var (inputs, targets) = batches.Next();
                optimizer.ZeroGrad();
                var loss = task.Loss(model.forward(inputs), targets);
                loss.backward();
                optimizer.Step();
                trainLoss[step - options.StartStep - 1] = loss.item<float>();
            }
            if (step % options.SaveEvery == 0 || step == lastStep)
                Checkpoint(step);
        }
        return new TrainingRunSummary(task.Name, options.Seed, options.Steps, trainLoss, checkpoints, clock.Elapsed);
    }
}
