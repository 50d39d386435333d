using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training;

/// <summary><see cref="DigitsCnn"/> on the embedded digits: same split, batches and loss as the MLP task.</summary>
public sealed class DigitsCnnTask(DigitsDataset dataset) : DigitsTask(dataset)
{
    public static DigitsCnnTask Instance { get; } = new(DigitsDataset.Embedded);

    public override string Name => "digits-cnn";

    public override Module<Tensor, Tensor> CreateModel(Generator generator) => new DigitsCnn(generator);
}
