using System.Buffers.Binary;
using System.Text.Json;
using WeightFarcast.Training;

namespace WeightFarcast.Training.Tests;

/// <summary>
/// Test-only reader for F32 safetensors files (8-byte LE header length, JSON header, data buffer), enough to
/// load the PyTorch fixture checkpoints; the product's checkpoint I/O lives in another project.
/// </summary>
internal static class SafetensorsF32Reader
{
    public static NamedWeights Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        var dataStart = 8 + headerLength;
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var tensors = new List<NamedTensor>();
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
                continue;
            var dtype = entry.Value.GetProperty("dtype").GetString();
            if (dtype != "F32")
                throw new InvalidDataException($"{path}: tensor '{entry.Name}' is {dtype}, only F32 is supported here");
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            var raw = bytes.AsSpan(dataStart + offsets[0], offsets[1] - offsets[0]);
            var values = new float[raw.Length / sizeof(float)];
            for (var i = 0; i < values.Length; i++)
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
            tensors.Add(new NamedTensor(entry.Name, shape, values));
        }
        return new NamedWeights(tensors);
    }
}
