using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WeightFarcast.Training;

/// <summary>
/// PyTorch's default Conv2d initialisation: like Linear, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias with
/// fan_in = in_channels · kernel height · kernel width, drawn from the run's own generator.
/// </summary>
internal static class Conv2dInit
{
    public static void ResetParameters(Conv2d layer, Generator generator)
    {
        using var noGrad = no_grad();
        var shape = layer.weight!.shape;
        var fanIn = shape[1] * shape[2] * shape[3];
        var bound = 1.0 / Math.Sqrt(fanIn);
        layer.weight.uniform_(-bound, bound, generator);
        layer.bias?.uniform_(-bound, bound, generator);
    }
}
