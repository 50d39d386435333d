using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training;

/// <summary>
/// A small CNN for the 8x8 digits: rows [N, 64] are viewed as images [N, 1, 8, 8];
/// conv 1→16 (3x3, pad 1) + ReLU → conv 16→32 (3x3, pad 1) + ReLU → 2x2 max-pool → flatten (32·4·4 = 512) → linear → 10.
/// Parameters, in order: conv1.weight [16,1,3,3], conv1.bias [16], conv2.weight [32,16,3,3], conv2.bias [32],
/// fc.weight [10,512], fc.bias [10] (9,930 in all).
/// </summary>
public sealed class DigitsCnn : Module<Tensor, Tensor>
{
    public const int Channels1 = 16;
    public const int Channels2 = 32;
    public const int ImageSide = 8;
    public const int PooledFeatures = Channels2 * (ImageSide / 2) * (ImageSide / 2);

#pragma warning disable IDE1006 // The field names are the parameter-name prefixes.
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc;
#pragma warning restore IDE1006

    /// <summary>Initialised as torch.nn.Conv2d and Linear do by default, but drawn only from <paramref name="generator"/>.</summary>
    public DigitsCnn(Generator generator) : base(nameof(DigitsCnn))
    {
        ArgumentNullException.ThrowIfNull(generator);
        conv1 = Conv2d(1, Channels1, kernel_size: 3, padding: 1);
        conv2 = Conv2d(Channels1, Channels2, kernel_size: 3, padding: 1);
        fc = Linear(PooledFeatures, DigitsDataset.ClassCount);
        RegisterComponents();
        DefaultInit.ResetParameters(conv1, generator);
        DefaultInit.ResetParameters(conv2, generator);
        DefaultInit.ResetParameters(fc, generator);
    }

    public override Tensor forward(Tensor input)
    {
        using var images = input.reshape(-1, 1, ImageSide, ImageSide);
        using var h1 = functional.relu(conv1.forward(images));
        using var h2 = functional.relu(conv2.forward(h1));
        using var pooled = functional.max_pool2d(h2, kernel_size: 2);
        using var flat = pooled.flatten(1);
        return fc.forward(flat);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            conv2.Dispose();
            fc.Dispose();
        }
        base.Dispose(disposing);
    }
}
