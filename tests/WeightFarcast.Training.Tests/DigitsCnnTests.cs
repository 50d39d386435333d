using WeightFarcast.TorchRuntime;
using static TorchSharp.torch;

namespace WeightFarcast.Training.Tests;

public class DigitsCnnTests
{
    public DigitsCnnTests() => TorchEnvironment.EnsureLoaded();

    // As documented on DigitsCnn.
    public static readonly (string Name, long[] Shape)[] Parameters =
    [
        ("conv1.weight", [16, 1, 3, 3]), ("conv1.bias", [16]),
        ("conv2.weight", [32, 16, 3, 3]), ("conv2.bias", [32]),
        ("fc.weight", [10, 512]), ("fc.bias", [10]),
    ];

    [Fact]
    public void Parameter_names_and_shapes_are_as_documented()
    {
        using var generator = new Generator(1);
        using var model = new DigitsCnn(generator);
        var weights = ModuleWeights.Capture(model);
        Assert.Equal(Parameters.Select(p => p.Name), weights.Names);
        foreach (var (name, shape) in Parameters)
            Assert.Equal(shape, weights.Get(name).Shape);
        Assert.Equal(9930, weights.TotalElements);
    }

    [Fact]
    public void Initialisation_depends_only_on_the_seed_and_uses_pytorch_conv_bounds()
    {
        NamedWeights Init(ulong seed)
        {
            using var generator = new Generator(seed);
            using var model = new DigitsCnn(generator);
            return ModuleWeights.Capture(model);
        }
        var a = Init(5);
        Assert.Equal(a.Get("conv2.weight").Values, Init(5).Get("conv2.weight").Values);
        Assert.NotEqual(a.Get("conv2.weight").Values, Init(6).Get("conv2.weight").Values);
        // fan_in = 16·3·3 = 144 -> bound 1/12.
        var conv2 = a.Get("conv2.weight").Values;
        Assert.InRange(conv2.Max(), 0.08f, 1 / 12f);
        Assert.InRange(conv2.Min(), -1 / 12f, -0.08f);
    }

    [Fact]
    public void Forward_maps_rows_of_64_pixels_to_ten_logits()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        using var model = new DigitsCnn(generator);
        Assert.Equal([7L, 10L], model.forward(zeros(7, 64)).shape);
    }
}
