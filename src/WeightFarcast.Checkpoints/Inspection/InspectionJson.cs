using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Statistics;

namespace WeightFarcast.Checkpoints.Inspection;

/// <summary>
/// JSON for inspection reports with fixed lowercase keys. Checkpoint:
/// <c>{path, format, metadata, tensors:[{name, dtype, shape, bytes, min, max, mean, std, sum, nan, inf}]}</c>;
/// trajectory: <c>{pattern, steps, consistent, mismatches:[{kind, tensor, reference, other, expected, actual, message}], reference}</c>.
/// Statistics that are not finite (a tensor with no finite values) or were not computed are written as null,
/// since JSON has no NaN or Infinity.
/// </summary>
public static class InspectionJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(CheckpointInspection inspection) => Render(writer => Write(writer, inspection));

    public static string Serialize(TrajectoryInspection inspection) => Render(writer => Write(writer, inspection));

    public static void Write(Utf8JsonWriter writer, CheckpointInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(inspection);
        writer.WriteStartObject();
        writer.WriteString("path", inspection.Path);
        writer.WriteString("format", FormatName(inspection.Format));
        writer.WriteStartObject("metadata");
        foreach (var (key, value) in inspection.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            writer.WriteString(key, value);
        writer.WriteEndObject();
        writer.WriteStartArray("tensors");
        foreach (var (tensor, stats) in inspection.Tensors)
        {
            writer.WriteStartObject();
            writer.WriteString("name", tensor.Name);
            writer.WriteString("dtype", tensor.DType.SafetensorsName());
            writer.WriteStartArray("shape");
            foreach (var dim in tensor.Shape)
                writer.WriteNumberValue(dim);
            writer.WriteEndArray();
            writer.WriteNumber("bytes", tensor.ByteLength);
            WriteStatistic(writer, "min", stats?.Min);
            WriteStatistic(writer, "max", stats?.Max);
            WriteStatistic(writer, "mean", stats?.Mean);
            WriteStatistic(writer, "std", stats?.Std);
            WriteStatistic(writer, "sum", stats?.Sum);
            WriteCount(writer, "nan", stats?.NaNCount);
            WriteCount(writer, "inf", stats?.InfCount);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, TrajectoryInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(inspection);
        writer.WriteStartObject();
        writer.WriteString("pattern", inspection.Pattern);
        writer.WriteStartArray("steps");
        foreach (var step in inspection.Steps)
            writer.WriteNumberValue(step);
        writer.WriteEndArray();
        writer.WriteBoolean("consistent", inspection.Consistent);
        writer.WriteStartArray("mismatches");
        foreach (var mismatch in inspection.Mismatches)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", mismatch.Kind.ToString());
            writer.WriteString("tensor", mismatch.TensorName);
            writer.WriteString("reference", mismatch.ReferencePath);
            writer.WriteString("other", mismatch.OtherPath);
            writer.WriteString("expected", mismatch.Expected);
            writer.WriteString("actual", mismatch.Actual);
            writer.WriteString("message", mismatch.Message);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WritePropertyName("reference");
        Write(writer, inspection.Reference);
        writer.WriteEndObject();
    }

    /// <summary>The format's name in reports: safetensors, sharded-safetensors, pytorch-zip, sharded-pytorch.</summary>
    public static string FormatName(CheckpointFormat format) => format switch
    {
        CheckpointFormat.Safetensors => "safetensors",
        CheckpointFormat.ShardedSafetensors => "sharded-safetensors",
        CheckpointFormat.PyTorchZip => "pytorch-zip",
        CheckpointFormat.ShardedPyTorch => "sharded-pytorch",
        _ => format.ToString().ToLowerInvariant(),
    };

    private static void WriteStatistic(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
            writer.WriteNumber(name, v);
        else
            writer.WriteNull(name);
    }

    private static void WriteCount(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
            writer.WriteNumber(name, v);
        else
            writer.WriteNull(name);
    }

    private static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
            write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
