using WeightFarcast.TorchRuntime;
using static TorchSharp.torch;

namespace WeightFarcast.Training.Tests;

public class CharTransformerLmTests
{
    public CharTransformerLmTests() => TorchEnvironment.EnsureLoaded();

    private static IEnumerable<(string Name, long[] Shape)> BlockParameters(int i) =>
    [
        ($"blocks.{i}.ln1.weight", [64]), ($"blocks.{i}.ln1.bias", [64]),
        ($"blocks.{i}.attn.qkv.weight", [192, 64]), ($"blocks.{i}.attn.qkv.bias", [192]),
        ($"blocks.{i}.attn.proj.weight", [64, 64]), ($"blocks.{i}.attn.proj.bias", [64]),
        ($"blocks.{i}.ln2.weight", [64]), ($"blocks.{i}.ln2.bias", [64]),
        ($"blocks.{i}.mlp_fc.weight", [256, 64]), ($"blocks.{i}.mlp_fc.bias", [256]),
        ($"blocks.{i}.mlp_proj.weight", [64, 256]), ($"blocks.{i}.mlp_proj.bias", [64]),
    ];

    // As documented on CharTransformerLm, in the model's parameter order.
    public static readonly (string Name, long[] Shape)[] Parameters =
    [
        ("pos_emb", [64, 64]), ("tok_emb.weight", [96, 64]),
        .. BlockParameters(0), .. BlockParameters(1),
        ("ln_f.weight", [64]), ("ln_f.bias", [64]), ("head.weight", [96, 64]),
    ];

    private static NamedWeights Init(ulong seed)
    {
        using var generator = new Generator(seed);
        using var model = new CharTransformerLm(CharLmShape.Default, generator);
        return ModuleWeights.Capture(model);
    }

    [Fact]
    public void Parameter_names_and_shapes_are_as_documented()
    {
        var weights = Init(1);
        Assert.Equal(Parameters.Select(p => p.Name), weights.Names);
        foreach (var (name, shape) in Parameters)
            Assert.Equal(shape, weights.Get(name).Shape);
        Assert.Equal(116480, weights.TotalElements);
    }

    [Fact]
    public void Initialisation_depends_only_on_the_seed_and_is_gpt2_style()
    {
        var a = Init(5);
        Assert.Equal(a.Get("blocks.1.mlp_fc.weight").Values, Init(5).Get("blocks.1.mlp_fc.weight").Values);
        Assert.NotEqual(a.Get("blocks.1.mlp_fc.weight").Values, Init(6).Get("blocks.1.mlp_fc.weight").Values);
        var embedding = a.Get("tok_emb.weight").Values;
        var std = Math.Sqrt(embedding.Select(v => (double)v * v).Average());
        Assert.InRange(std, 0.018, 0.022);
        Assert.All(a.Get("blocks.0.attn.qkv.bias").Values, v => Assert.Equal(0f, v));
        Assert.All(a.Get("ln_f.weight").Values, v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Forward_gives_logits_per_position_and_never_looks_ahead()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        using var model = new CharTransformerLm(CharLmShape.Default, generator);
        var tokens = randint(0, CharVocabulary.Size, [2, 64], dtype: ScalarType.Int64, generator: new Generator(2));
        var changed = tokens.clone();
        changed[0, 40] = tensor(7L);
        changed[1, 40] = tensor(9L);
        var before = model.forward(tokens);
        var after = model.forward(changed);
        Assert.Equal([2L, 64L, 96L], before.shape);
        // Positions before 40 are unchanged; position 40 itself sees the new token.
        Assert.True(before.narrow(1, 0, 40).sub(after.narrow(1, 0, 40)).abs().max().item<float>() < 1e-6f);
        Assert.True(before.narrow(1, 40, 1).sub(after.narrow(1, 40, 1)).abs().max().item<float>() > 1e-4f);
        Assert.Equal([3L, 10L, 96L], model.forward(tokens.narrow(1, 0, 10).narrow(0, 0, 1).repeat(3, 1)).shape);
    }
}
