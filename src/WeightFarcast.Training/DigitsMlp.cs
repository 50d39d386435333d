using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training;

/// <summary>
/// MLP 64 -> 256 -> 128 -> 10 with ReLU. The field names make the parameter names l1.weight, l1.bias, l2.*, l3.*,
/// the same as the PyTorch fixture trajectories, so their checkpoints load here unchanged.
/// </summary>
public sealed class DigitsMlp : Module<Tensor, Tensor>
{
    public const int Hidden1 = 256;
    public const int Hidden2 = 128;

#pragma warning disable IDE1006 // The field names are the parameter-name prefixes; they must be l1, l2, l3.
    private readonly Linear l1;
    private readonly Linear l2;
    private readonly Linear l3;
#pragma warning restore IDE1006

    /// <summary>Initialised as torch.nn.Linear does by default, but drawn only from <paramref name="generator"/>.</summary>
    public DigitsMlp(Generator generator) : base(nameof(DigitsMlp))
    {
        ArgumentNullException.ThrowIfNull(generator);
        l1 = Linear(DigitsDataset.FeatureCount, Hidden1);
        l2 = Linear(Hidden1, Hidden2);
        l3 = Linear(Hidden2, DigitsDataset.ClassCount);
        RegisterComponents();
        foreach (var layer in new[] { l1, l2, l3 })
            DefaultInit.ResetParameters(layer, generator);
    }

    public override Tensor forward(Tensor input)
    {
        using var h1 = functional.relu(l1.forward(input));
        using var h2 = functional.relu(l2.forward(h1));
        return l3.forward(h2);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            l1.Dispose();
            l2.Dispose();
            l3.Dispose();
        }
        base.Dispose(disposing);
    }
}
