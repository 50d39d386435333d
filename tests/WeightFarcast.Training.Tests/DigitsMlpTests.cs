using WeightFarcast.TorchRuntime;
using static TorchSharp.torch;

namespace WeightFarcast.Training.Tests;

public class DigitsMlpTests
{
    public DigitsMlpTests() => TorchEnvironment.EnsureLoaded();

    // The parameter list of the PyTorch fixture trajectories (tests/fixtures/digits-mlp).
    public static readonly (string Name, long[] Shape)[] FixtureParameters =
    [
        ("l1.weight", [256, 64]), ("l1.bias", [256]),
        ("l2.weight", [128, 256]), ("l2.bias", [128]),
        ("l3.weight", [10, 128]), ("l3.bias", [10]),
    ];

    [Fact]
    public void Parameter_names_and_shapes_match_the_pytorch_fixture()
    {
        using var generator = new Generator(1);
        using var model = new DigitsMlp(generator);
        var weights = ModuleWeights.Capture(model);
        Assert.Equal(FixtureParameters.Select(p => p.Name), weights.Names);
        foreach (var (name, shape) in FixtureParameters)
            Assert.Equal(shape, weights.Get(name).Shape);
    }

    [Fact]
    public void Fixture_checkpoint_has_the_same_parameters()
    {
        var fixture = SafetensorsF32Reader.Read(WeightFarcast.Tests.Shared.RepoPaths.Fixture("digits-mlp", "seed-1", "step-0.safetensors"));
        Assert.Equal(FixtureParameters.Select(p => p.Name).Order(), fixture.Names.Order());
        foreach (var (name, shape) in FixtureParameters)
            Assert.Equal(shape, fixture.Get(name).Shape);
    }

    [Fact]
    public void Initialisation_depends_only_on_the_generator_seed_and_uses_pytorch_linear_bounds()
    {
        NamedWeights Init(ulong seed)
        {
            using var generator = new Generator(seed);
            using var model = new DigitsMlp(generator);
            return ModuleWeights.Capture(model);
        }
        var a = Init(5);
        var b = Init(5);
        var c = Init(6);
        Assert.Equal(a[0].Values, b[0].Values);
        Assert.NotEqual(a[0].Values, c[0].Values);
        // U(-1/sqrt(fan_in), 1/sqrt(fan_in)): l1 fan_in 64 -> 0.125.
        var l1 = a.Get("l1.weight").Values;
        Assert.InRange(l1.Max(), 0.12f, 0.125f);
        Assert.InRange(l1.Min(), -0.125f, -0.12f);
    }

    [Fact]
    public void Forward_maps_rows_to_ten_logits()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        using var model = new DigitsMlp(generator);
        var output = model.forward(zeros(7, 64));
        Assert.Equal([7L, 10L], output.shape);
    }
}
