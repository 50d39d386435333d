using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using WeightFarcast.Checkpoints.DTypes;

namespace WeightFarcast.Checkpoints.Reading.Safetensors;

/// <summary>
/// Parses and validates a safetensors JSON header with the rules of the reference implementation
/// (huggingface/safetensors): UTF-8 JSON object starting with '{' (trailing whitespace allowed), entries
/// {dtype, shape, data_offsets} and nothing else, <c>__metadata__</c> string -> string, no duplicate names,
/// offsets contiguous from 0 without holes or overlaps, each span exactly numel * element size, and the last end
/// equal to the data buffer length. Utf8JsonReader is used (not JsonDocument) so duplicate keys are seen.
/// </summary>
internal static class SafetensorsHeader
{
    public const string MetadataKey = "__metadata__";
    public const long MaxHeaderLength = 100_000_000;

    public static (List<SafetensorsEntry> Entries, Dictionary<string, string> Metadata) Parse(
        string filePath, ReadOnlySpan<byte> header, long dataLength)
    {
        if (header.IsEmpty || header[0] != (byte)'{')
            throw new CheckpointFormatException(filePath, "safetensors header does not start with '{' (it must be a JSON object).");
        if (!Utf8.IsValid(header))
            throw new CheckpointFormatException(filePath, "safetensors header is not valid UTF-8.");

        var entries = new List<SafetensorsEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 8 });
            Expect(ref reader, JsonTokenType.StartObject, filePath, null, "header");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!seen.Add(name))
                    throw new CheckpointFormatException(filePath, name, "appears twice in the safetensors header.");
                if (name == MetadataKey)
                    ReadMetadata(ref reader, filePath, metadata);
                else
                    entries.Add(ReadEntry(ref reader, filePath, name));
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                throw new CheckpointFormatException(filePath, $"unexpected {reader.TokenType} in the safetensors header.");
            foreach (var b in header[(int)reader.BytesConsumed..])
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                    throw new CheckpointFormatException(filePath, "safetensors header has content after its JSON object (only space padding is allowed).");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string escape that is not valid UTF-16 (e.g. a lone surrogate).
            throw new CheckpointFormatException(filePath, $"safetensors header is not valid JSON: {e.Message}", e);
        }
        CheckOffsets(filePath, entries, dataLength);
        return (entries, metadata);
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, string filePath, Dictionary<string, string> metadata)
    {
        if (Next(ref reader) == JsonTokenType.Null)
            return;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new CheckpointFormatException(filePath, $"{MetadataKey} must be an object of strings, found {reader.TokenType}.");
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (Next(ref reader) != JsonTokenType.String)
                throw new CheckpointFormatException(filePath, $"{MetadataKey} value for '{key}' is {reader.TokenType}, but only strings are allowed.");
            if (!metadata.TryAdd(key, reader.GetString()!))
                throw new CheckpointFormatException(filePath, $"{MetadataKey} has the key '{key}' twice.");
        }
    }

    private static SafetensorsEntry ReadEntry(ref Utf8JsonReader reader, string filePath, string name)
    {
        Expect(ref reader, JsonTokenType.StartObject, filePath, name, "entry");
        string? dtypeName = null;
        List<long>? shape = null;
        List<long>? offsets = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString();
            switch (key)
            {
                case "dtype" when dtypeName is null:
                    Expect(ref reader, JsonTokenType.String, filePath, name, "dtype");
                    dtypeName = reader.GetString()!;
                    break;
                case "shape" when shape is null:
                    shape = ReadNaturals(ref reader, filePath, name, "shape");
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadNaturals(ref reader, filePath, name, "data_offsets");
                    break;
                default:
                    throw new CheckpointFormatException(filePath, name, $"unexpected or repeated key '{key}' in the entry (expected dtype, shape, data_offsets).");
            }
        }
        if (dtypeName is null || shape is null || offsets is null)
            throw new CheckpointFormatException(filePath, name, "entry needs dtype, shape and data_offsets.");
        if (!DTypeInfo.TryParseSafetensorsName(dtypeName, out var dtype))
            throw new CheckpointFormatException(filePath, name, $"unknown or unsupported dtype '{dtypeName}'.");
        if (offsets.Count != 2 || offsets[1] < offsets[0])
            throw new CheckpointFormatException(filePath, name, $"data_offsets must be [begin, end] with begin <= end, found [{string.Join(", ", offsets)}].");
        TensorInfo tensor;
        try
        {
            tensor = new TensorInfo(name, dtype, ImmutableArray.CreateRange(shape));
        }
        catch (OverflowException)
        {
            throw new CheckpointFormatException(filePath, name, $"shape [{string.Join(", ", shape)}] overflows the element count.");
        }
        if (tensor.ByteLength != offsets[1] - offsets[0])
            throw new CheckpointFormatException(filePath, name,
                $"data_offsets [{offsets[0]}, {offsets[1]}] span {offsets[1] - offsets[0]} bytes but {dtypeName} {tensor.ShapeText} needs {tensor.ByteLength}.");
        return new SafetensorsEntry(tensor, offsets[0]);
    }

    private static List<long> ReadNaturals(ref Utf8JsonReader reader, string filePath, string name, string what)
    {
        Expect(ref reader, JsonTokenType.StartArray, filePath, name, what);
        var values = new List<long>();
        while (Next(ref reader) == JsonTokenType.Number)
        {
            if (!reader.TryGetInt64(out var value) || value < 0)
                throw new CheckpointFormatException(filePath, name, $"{what} holds '{Encoding.UTF8.GetString(reader.ValueSpan)}', not a non-negative integer.");
            values.Add(value);
        }
        if (reader.TokenType != JsonTokenType.EndArray)
            throw new CheckpointFormatException(filePath, name, $"{what} must be an array of integers.");
        return values;
    }

    private static void CheckOffsets(string filePath, List<SafetensorsEntry> entries, long dataLength)
    {
        var ordered = entries.OrderBy(e => e.Begin).ThenBy(e => e.Tensor.ByteLength).ToList();
        long expected = 0;
        foreach (var entry in ordered)
        {
            if (entry.Begin != expected)
            {
                var problem = entry.Begin < expected ? "overlaps the previous tensor" : "leaves a hole after the previous tensor";
                throw new CheckpointFormatException(filePath, entry.Tensor.Name, $"data starts at {entry.Begin} but the previous tensor ends at {expected}: it {problem}.");
            }
            expected = entry.Begin + entry.Tensor.ByteLength;
        }
        if (expected != dataLength)
            throw new CheckpointFormatException(filePath,
                $"tensor data ends at {expected} but the file holds {dataLength} bytes of data after the header (truncated or trailing bytes).");
        entries.Clear();
        entries.AddRange(ordered);
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
            throw new JsonException("unexpected end of header");
        return reader.TokenType;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string filePath, string? tensor, string what)
    {
        if (Next(ref reader) != token)
            throw new CheckpointFormatException(filePath, tensor, $"{what} must be {token}, found {reader.TokenType}.");
    }
}
