using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace WeightFarcast.Tracking;

/// <summary>
/// JSON as MLflow's REST API wants it: non-finite doubles as "NaN"/"Infinity"/"-Infinity" strings,
/// int64 fields read from numbers or strings, run_id read with the run_uuid fallback.
/// </summary>
internal static class MlflowJson
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Finite values as shortest round-trip numbers (never rounded up past double.MaxValue); others as MLflow's strings.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsNaN(value))
            writer.WriteString(name, "NaN");
        else if (double.IsPositiveInfinity(value))
            writer.WriteString(name, "Infinity");
        else if (double.IsNegativeInfinity(value))
            writer.WriteString(name, "-Infinity");
        else
            writer.WriteNumber(name, value);
    }

    public static byte[] Metric(MetricPoint point) => Write(w =>
    {
        w.WriteString("key", point.Key);
        WriteDouble(w, "value", point.Value);
        w.WriteNumber("timestamp", point.TimestampMs);
        w.WriteNumber("step", point.Step);
    });

    public static byte[] KeyValue(string key, string value) => Write(w =>
    {
        w.WriteString("key", key);
        w.WriteString("value", value);
    });

    public static void WriteKeyValues(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> values)
    {
        writer.WriteStartArray(name);
        foreach (var (key, value) in values)
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WriteString("value", value);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ToString()
            : null;

    public static long? Int64(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetInt64(),
            JsonValueKind.String => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    public static double Double(JsonElement element, string name)
    {
        var value = element.GetProperty(name);
        return value.ValueKind == JsonValueKind.String
            ? ParseMlflowDouble(value.GetString()!)
            : value.GetDouble();
    }

    /// <summary>Accepts .NET and Python spellings of non-finite values.</summary>
    public static double ParseMlflowDouble(string text) => text switch
    {
        "NaN" or "nan" => double.NaN,
        "Infinity" or "inf" => double.PositiveInfinity,
        "-Infinity" or "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public static Dictionary<string, string> KeyValues(JsonElement parent, string name)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
                result[String(item, "key")!] = String(item, "value") ?? "";
        }
        return result;
    }

    public static MetricPoint MetricPoint(JsonElement item) => new(
        String(item, "key")!,
        Double(item, "value"),
        Int64(item, "step") ?? 0,
        DateTimeOffset.FromUnixTimeMilliseconds(Int64(item, "timestamp") ?? 0));
}
