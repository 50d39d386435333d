using WeightFarcast.TorchRuntime;
using static TorchSharp.torch;

namespace WeightFarcast.Training;

/// <summary>Evaluates weights that come from anywhere (a checkpoint file, a farcast) by loading them into a fresh model.</summary>
public static class WeightsEvaluator
{
    /// <summary>Loss and accuracy of digits-MLP weights on a split of the embedded digits.</summary>
    /// <exception cref="ArgumentException">A tensor is missing, unexpected or has the wrong shape; the message names it.</exception>
    public static EvaluationResult Evaluate(NamedWeights weights, DigitsSplit split) =>
        Evaluate(DigitsMlpTask.Instance, weights, split);

    public static EvaluationResult Evaluate(ITrainingTask task, NamedWeights weights, DigitsSplit split)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(weights);
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        // The generator only fills weights that are overwritten next; a fixed seed keeps this free of global RNG.
        using var generator = new Generator(0);
        using var model = task.CreateModel(generator);
        ModuleWeights.Load(model, weights);
        return task.Evaluate(model, split);
    }
}
