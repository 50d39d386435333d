using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WeightFarcast.Training;

/// <summary>
/// GPT-2's initialisation for the language model: linear and embedding weights N(0, 0.02²), biases zero
/// (LayerNorm keeps its default ones and zeros), drawn only from the run's own generator.
/// </summary>
internal static class TransformerInit
{
    public const double Std = 0.02;

    public static void Normal(Tensor weight, Generator generator)
    {
        using var noGrad = no_grad();
        weight.normal_(0, Std, generator);
    }

    public static void Reset(Linear layer, Generator generator)
    {
        Normal(layer.weight!, generator);
        using var noGrad = no_grad();
        layer.bias?.zero_();
    }
}
