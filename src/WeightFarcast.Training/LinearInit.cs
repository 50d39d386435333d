using TorchSharp.Modules;
using static TorchSharp.torch;

namespace WeightFarcast.Training;

/// <summary>
/// PyTorch's default Linear initialisation (kaiming_uniform with a = sqrt(5), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in))
/// for weight and bias), drawn from a run's own generator so runs in one process never share torch's global RNG.
/// </summary>
internal static class LinearInit
{
    public static void ResetParameters(Linear layer, Generator generator)
    {
        using var noGrad = no_grad();
        var fanIn = layer.weight!.shape[1];
        var bound = 1.0 / Math.Sqrt(fanIn);
        layer.weight.uniform_(-bound, bound, generator);
        layer.bias?.uniform_(-bound, bound, generator);
    }
}
