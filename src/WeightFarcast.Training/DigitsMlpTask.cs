using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training;

/// <summary>The first training task: <see cref="DigitsMlp"/> on the embedded digits, cross-entropy loss.</summary>
public sealed class DigitsMlpTask(DigitsDataset dataset) : DigitsTask(dataset)
{
    public static DigitsMlpTask Instance { get; } = new(DigitsDataset.Embedded);

    public override string Name => "digits-mlp";

    public override Module<Tensor, Tensor> CreateModel(Generator generator) => new DigitsMlp(generator);
}
