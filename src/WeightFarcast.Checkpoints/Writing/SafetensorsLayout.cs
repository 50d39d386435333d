using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Reading.Safetensors;

namespace WeightFarcast.Checkpoints.Writing;

/// <summary>
/// Where every tensor goes in a safetensors file, laid out like the reference writer: tensors ordered by descending
/// dtype alignment (element size) then name, so every tensor is naturally aligned; the JSON header padded with
/// spaces so data starts at a multiple of 8; <c>__metadata__</c> = {"format":"pt"} overlaid with the caller's keys
/// (transformers refuses files without "format").
/// </summary>
internal sealed class SafetensorsLayout
{
    private SafetensorsLayout(List<TensorInfo> tensors, Dictionary<string, long> offsets, byte[] header, long fileLength)
    {
        Tensors = tensors;
        AbsoluteOffsets = offsets;
        Header = header;
        FileLength = fileLength;
    }

    public IReadOnlyList<TensorInfo> Tensors { get; }

    /// <summary>Tensor name -> file offset of its first byte.</summary>
    public IReadOnlyDictionary<string, long> AbsoluteOffsets { get; }

    /// <summary>The 8-byte length prefix plus the padded JSON header.</summary>
    public byte[] Header { get; }

    public long FileLength { get; }

    public static SafetensorsLayout Create(IEnumerable<TensorInfo> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var ordered = tensors
            .OrderByDescending(t => t.DType.ElementSize())
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        var duplicate = ordered.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Tensor '{duplicate.Key}' is listed twice.", nameof(tensors));
        if (ordered.Any(t => t.Name == SafetensorsHeader.MetadataKey))
            throw new ArgumentException($"'{SafetensorsHeader.MetadataKey}' is reserved and cannot name a tensor.", nameof(tensors));

        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(SafetensorsHeader.MetadataKey);
            var allMetadata = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["format"] = "pt" };
            foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
                allMetadata[key] = value;
            foreach (var (key, value) in allMetadata)
                writer.WriteString(key, value);
            writer.WriteEndObject();
            long begin = 0;
            foreach (var tensor in ordered)
            {
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", tensor.DType.SafetensorsName());
                writer.WriteStartArray("shape");
                foreach (var dim in tensor.Shape)
                    writer.WriteNumberValue(dim);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(begin);
                writer.WriteNumberValue(begin + tensor.ByteLength);
                writer.WriteEndArray();
                writer.WriteEndObject();
                begin += tensor.ByteLength;
            }
            writer.WriteEndObject();
        }

        var jsonLength = (int)json.Length;
        var paddedLength = (jsonLength + 7) / 8 * 8;
        var header = new byte[8 + paddedLength];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)paddedLength);
        json.GetBuffer().AsSpan(0, jsonLength).CopyTo(header.AsSpan(8));
        header.AsSpan(8 + jsonLength).Fill((byte)' ');

        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        long position = header.Length;
        foreach (var tensor in ordered)
        {
            offsets[tensor.Name] = position;
            position += tensor.ByteLength;
        }
        return new SafetensorsLayout(ordered, offsets, header, position);
    }
}
