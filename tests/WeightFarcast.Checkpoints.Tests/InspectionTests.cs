using System.Text.Json;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Inspection;
using WeightFarcast.Checkpoints.Tests.Support;
using WeightFarcast.Checkpoints.Trajectories;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Tests.Shared;

namespace WeightFarcast.Checkpoints.Tests;

public sealed class InspectionTests
{
    [Fact]
    public void Checkpoint_json_has_the_documented_keys_and_values()
    {
        var inspection = CheckpointInspector.Inspect(RepoPaths.Fixture("pytorch", "state_dict.safetensors"));
        using var json = JsonDocument.Parse(InspectionJson.Serialize(inspection));
        var root = json.RootElement;
        Assert.Equal(["path", "format", "metadata", "tensors"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("safetensors", root.GetProperty("format").GetString());
        var bias = root.GetProperty("tensors").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "linear.bias");
        Assert.Equal(["name", "dtype", "shape", "bytes", "min", "max", "mean", "std", "sum", "nan", "inf"], bias.EnumerateObject().Select(p => p.Name));
        Assert.Equal("F32", bias.GetProperty("dtype").GetString());
        Assert.Equal([4], bias.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(16, bias.GetProperty("bytes").GetInt64());
        Assert.Equal(-0.7045565694570541, bias.GetProperty("sum").GetDouble(), 1e-6);
        Assert.Equal(0, bias.GetProperty("nan").GetInt64());
    }

    [Fact]
    public void Non_finite_statistics_are_null_in_json_and_dashes_in_text()
    {
        using var temp = new TempDirectory();
        var path = temp.File("nan.safetensors");
        using (var writer = new SafetensorsWriter(path, [new TensorInfo("dead", DType.F32, 2)]))
        {
            writer.WriteSingles("dead", 0, [float.NaN, float.NaN]);
            writer.Commit();
        }
        var inspection = CheckpointInspector.Inspect(path);
        using var json = JsonDocument.Parse(InspectionJson.Serialize(inspection));
        var dead = json.RootElement.GetProperty("tensors")[0];
        Assert.Equal(JsonValueKind.Null, dead.GetProperty("mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, dead.GetProperty("min").ValueKind);
        Assert.Equal(2, dead.GetProperty("nan").GetInt64());
        Assert.Contains(" - ", InspectionText.Format(inspection), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_table_is_aligned_with_a_totals_line()
    {
        var inspection = CheckpointInspector.Inspect(RepoPaths.Fixture("digits-mlp", "seed-1", "step-0.safetensors"));
        var lines = InspectionText.Format(inspection).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var header = lines.Single(l => l.StartsWith("name", StringComparison.Ordinal));
        var tableLines = lines.SkipWhile(l => l != header).Skip(2).Take(6).ToList();
        Assert.Equal(6, tableLines.Count);
        // Right-aligned numeric columns end where their headings end.
        var bytesEnd = header.IndexOf("bytes", StringComparison.Ordinal) + "bytes".Length;
        Assert.All(tableLines, l => Assert.True(char.IsDigit(l[bytesEnd - 1]), l));
        Assert.Contains(tableLines, l => l.Contains("65,536", StringComparison.Ordinal));
        Assert.Equal("6 tensors, 203,304 bytes (198.5 KiB)", lines[^1]);
        Assert.Contains("step=0", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.000123456, "1.23e-04")]
    [InlineData(-12.3456, "-12.35")]
    [InlineData(123456.0, "1.23e+05")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.0, "0")]
    [InlineData(99999.9, "1.00e+05")]
    public void Compact_numbers(double value, string expected) => Assert.Equal(expected, CompactNumber.Format(value));

    [Fact]
    public void Trajectory_inspection_reports_steps_consistency_and_all_mismatches()
    {
        using var temp = new TempDirectory();
        WriteZeros(temp.File("step-1.safetensors"), new("a", DType.F32, 2), new("b", DType.F32, 2));
        WriteZeros(temp.File("step-2.safetensors"), new("a", DType.F32, 3), new("c", DType.F32, 2));
        var inspection = CheckpointInspector.Inspect(Trajectory.Discover(temp.File("step-{step}.safetensors")));
        Assert.False(inspection.Consistent);
        using var json = JsonDocument.Parse(InspectionJson.Serialize(inspection));
        var root = json.RootElement;
        Assert.Equal([1L, 2L], root.GetProperty("steps").EnumerateArray().Select(e => e.GetInt64()));
        Assert.False(root.GetProperty("consistent").GetBoolean());
        Assert.Equal(3, root.GetProperty("mismatches").GetArrayLength());
        Assert.Equal("safetensors", root.GetProperty("reference").GetProperty("format").GetString());
        var text = InspectionText.Format(inspection);
        Assert.Contains("3 mismatch(es)", text, StringComparison.Ordinal);
        Assert.Contains("'c'", text, StringComparison.Ordinal);

        var digits = CheckpointInspector.Inspect(Trajectory.Discover(RepoPaths.Fixture("digits-mlp", "seed-12", "step-{step}.safetensors")), computeStatistics: false);
        Assert.True(digits.Consistent);
        Assert.Equal(12, digits.Steps.Count);
    }

    private static void WriteZeros(string path, params TensorInfo[] tensors)
    {
        using var writer = new SafetensorsWriter(path, tensors);
        foreach (var tensor in tensors)
            writer.WriteBytes(tensor.Name, 0, new byte[tensor.ByteLength]);
        writer.Commit();
    }
}
