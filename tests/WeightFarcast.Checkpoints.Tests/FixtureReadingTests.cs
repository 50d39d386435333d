using System.Text.Json;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Tests.Shared;

namespace WeightFarcast.Checkpoints.Tests;

public sealed class FixtureReadingTests
{
    public static TheoryData<string> StateDictFiles => new() { "state_dict.pt", "state_dict.safetensors" };

    [Theory]
    [MemberData(nameof(StateDictFiles))]
    public void StateDict_matches_expected_json(string file)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("pytorch", "expected.json")));
        using var reader = CheckpointReader.Open(RepoPaths.Fixture("pytorch", file));

        Assert.Equal(file.EndsWith(".pt", StringComparison.Ordinal) ? CheckpointFormat.PyTorchZip : CheckpointFormat.Safetensors, reader.Format);
        var names = expected.RootElement.EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(names, reader.Tensors.Select(t => t.Name).Order().ToArray());
        foreach (var property in expected.RootElement.EnumerateObject())
        {
            var tensor = reader[property.Name];
            Assert.Equal(TorchDType(property.Value.GetProperty("dtype").GetString()!), tensor.DType);
            Assert.Equal(property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), tensor.Shape);
            var values = new double[tensor.ElementCount];
            reader.ReadDoubles(tensor.Name, 0, values);
            Assert.Equal(property.Value.GetProperty("first").GetDouble(), values[0]);
            Assert.Equal(property.Value.GetProperty("sum").GetDouble(), values.Sum(), 1e-5);
            var singles = new float[tensor.ElementCount];
            reader.ReadSingles(tensor.Name, 0, singles);
            Assert.Equal((float)property.Value.GetProperty("first").GetDouble(), singles[0]);
        }
    }

    [Fact]
    public void PyTorch_and_safetensors_fixtures_hold_identical_bytes()
    {
        using var pt = CheckpointReader.Open(RepoPaths.Fixture("pytorch", "state_dict.pt"));
        using var st = CheckpointReader.Open(RepoPaths.Fixture("pytorch", "state_dict.safetensors"));
        foreach (var tensor in st.Tensors)
        {
            Assert.Equal(tensor, pt[tensor.Name]);
            var a = new byte[tensor.ByteLength];
            var b = new byte[tensor.ByteLength];
            st.ReadBytes(tensor.Name, 0, a);
            pt.ReadBytes(tensor.Name, 0, b);
            Assert.Equal(a, b);
        }
    }

    [Fact]
    public void Digits_checkpoint_has_the_mlp_shapes()
    {
        using var reader = CheckpointReader.Open(RepoPaths.Fixture("digits-mlp", "seed-1", "step-1500.safetensors"));
        var shapes = reader.Tensors.ToDictionary(t => t.Name, t => t.ShapeText);
        Assert.Equal(new Dictionary<string, string>
        {
            ["l1.weight"] = "[256, 64]", ["l1.bias"] = "[256]",
            ["l2.weight"] = "[128, 256]", ["l2.bias"] = "[128]",
            ["l3.weight"] = "[10, 128]", ["l3.bias"] = "[10]",
        }, shapes);
        Assert.All(reader.Tensors, t => Assert.Equal(DType.F32, t.DType));
        Assert.Equal("1500", reader.Metadata["step"]);
        var window = new float[5];
        reader.ReadSingles("l2.weight", 1000, window);
        Assert.Contains(window, v => v != 0);
    }

    [Fact]
    public void Reading_at_an_offset_matches_reading_everything()
    {
        using var reader = CheckpointReader.Open(RepoPaths.Fixture("digits-mlp", "seed-1", "step-0.safetensors"));
        var all = new float[256 * 64];
        reader.ReadSingles("l1.weight", 0, all);
        var part = new float[100];
        reader.ReadSingles("l1.weight", 777, part);
        Assert.Equal(all.AsSpan(777, 100).ToArray(), part);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadSingles("l1.weight", all.Length - 10, part));
        var missing = Assert.ThrowsAny<CheckpointException>(() => reader["nope"]);
        Assert.Equal("nope", missing.TensorName);
    }

    private static DType TorchDType(string name) => name switch
    {
        "float32" => DType.F32,
        "float16" => DType.F16,
        "bfloat16" => DType.BF16,
        "int64" => DType.I64,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
