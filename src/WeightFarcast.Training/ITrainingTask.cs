using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training;

/// <summary>
/// A model plus the data it learns from. The digits MLP is the first; a small CNN or tiny transformer LM would
/// be further implementations, reusing <see cref="TrajectoryTrainer"/> and <see cref="WeightsEvaluator"/> unchanged.
/// </summary>
public interface ITrainingTask
{
    string Name { get; }

    /// <summary>A fresh model whose initial weights come only from <paramref name="generator"/>.</summary>
    Module<Tensor, Tensor> CreateModel(Generator generator);

    /// <summary>Training minibatches of <paramref name="batchSize"/> rows, order fixed by <paramref name="seed"/>.</summary>
    ITrainBatches OpenTrainBatches(int batchSize, ulong seed);

    /// <summary>The scalar training loss of a batch's outputs against its targets.</summary>
    Tensor Loss(Tensor outputs, Tensor targets);

    /// <summary>Loss and accuracy of <paramref name="model"/> on a split, without gradients.</summary>
    EvaluationResult Evaluate(Module<Tensor, Tensor> model, DigitsSplit split);
}
