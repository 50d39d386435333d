using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace WeightFarcast.Checkpoints.Tests.Support;

/// <summary>
/// An independent safetensors parser written from the format description only (no code shared with the library),
/// so files the library writes are checked against the spec rather than against themselves.
/// </summary>
internal sealed class SpecSafetensors
{
    public required Dictionary<string, string> Metadata { get; init; }

    public required Dictionary<string, (string DType, long[] Shape, byte[] Data)> Tensors { get; init; }

    /// <summary>Tensor names in data-offset order.</summary>
    public required List<string> Order { get; init; }

    public required int HeaderLength { get; init; }

    public static SpecSafetensors Parse(byte[] file)
    {
        var n = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        var json = Encoding.UTF8.GetString(file, 8, n);
        if (!json.StartsWith('{'))
            throw new InvalidDataException("header must start with '{'");
        using var doc = JsonDocument.Parse(json);
        var metadata = new Dictionary<string, string>();
        var tensors = new Dictionary<string, (string, long[], byte[])>();
        var spans = new List<(long Begin, long End, string Name)>();
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                foreach (var m in property.Value.EnumerateObject())
                    metadata[m.Name] = m.Value.GetString()!;
                continue;
            }
            var dtype = property.Value.GetProperty("dtype").GetString()!;
            var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var bits = dtype switch
            {
                "F64" or "I64" or "U64" => 64,
                "F32" or "I32" or "U32" => 32,
                "F16" or "BF16" or "I16" or "U16" => 16,
                "F8_E4M3" or "F8_E5M2" or "I8" or "U8" or "BOOL" => 8,
                _ => throw new InvalidDataException(dtype),
            };
            var numel = shape.Aggregate(1L, (a, b) => a * b);
            if (offsets[1] - offsets[0] != numel * bits / 8)
                throw new InvalidDataException($"{property.Name}: size mismatch");
            if ((8 + n + offsets[0]) % (bits / 8) != 0)
                throw new InvalidDataException($"{property.Name}: not aligned");
            tensors[property.Name] = (dtype, shape, file.AsSpan(8 + n + (int)offsets[0], (int)(offsets[1] - offsets[0])).ToArray());
            spans.Add((offsets[0], offsets[1], property.Name));
        }
        spans.Sort();
        long expected = 0;
        foreach (var (begin, end, name) in spans)
        {
            if (begin != expected)
                throw new InvalidDataException($"{name}: not contiguous");
            expected = end;
        }
        if (8 + n + expected != file.Length)
            throw new InvalidDataException("file length mismatch");
        return new SpecSafetensors { Metadata = metadata, Tensors = tensors, Order = spans.Select(s => s.Name).ToList(), HeaderLength = n };
    }
}
