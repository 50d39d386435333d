using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WeightFarcast.Training;

/// <summary>
/// PyTorch's default Linear and Conv2d initialisation (kaiming_uniform with a = sqrt(5), i.e. U(-1/sqrt(fan_in),
/// 1/sqrt(fan_in)) for weight and bias, fan_in = the product of the weight's dimensions after the first), drawn from a
/// run's own generator so runs in one process never share torch's global RNG.
/// </summary>
internal static class DefaultInit
{
    public static void ResetParameters(Linear layer, Generator generator) => Reset(layer.weight!, layer.bias, generator);

    public static void ResetParameters(Conv2d layer, Generator generator) => Reset(layer.weight!, layer.bias, generator);

    private static void Reset(Parameter weight, Parameter? bias, Generator generator)
    {
        using var noGrad = no_grad();
        var fanIn = weight.shape.Skip(1).Aggregate(1L, (product, dim) => product * dim);
        var bound = 1.0 / Math.Sqrt(fanIn);
        weight.uniform_(-bound, bound, generator);
        bias?.uniform_(-bound, bound, generator);
    }
}
