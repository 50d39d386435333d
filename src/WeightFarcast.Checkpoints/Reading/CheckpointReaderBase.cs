using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using WeightFarcast.Checkpoints.DTypes;

namespace WeightFarcast.Checkpoints.Reading;

/// <summary>
/// The streaming reads every format shares: a format only says where each tensor's bytes are (<see cref="Locate"/>);
/// reading, bounds checks and dtype conversion through a fixed-size pooled buffer live here.
/// </summary>
public abstract class CheckpointReaderBase : ICheckpointReader
{
    /// <summary>Bytes read per conversion chunk; bounds the reader's memory regardless of tensor size.</summary>
    internal const int ChunkBytes = 1 << 20;

    private Dictionary<string, TensorInfo>? _byName;

    public abstract string Path { get; }

    public abstract CheckpointFormat Format { get; }

    public abstract IReadOnlyDictionary<string, string> Metadata { get; }

    public abstract IReadOnlyList<TensorInfo> Tensors { get; }

    public abstract IReadOnlyDictionary<string, string> WeightMap { get; }

    public TensorInfo this[string name] =>
        TryGetTensor(name, out var tensor) ? tensor : throw new CheckpointException(Path, name, "no such tensor in this checkpoint.");

    public bool TryGetTensor(string name, [MaybeNullWhen(false)] out TensorInfo tensor)
    {
        _byName ??= Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        return _byName.TryGetValue(name, out tensor);
    }

    public void ReadBytes(string tensor, long byteOffset, Span<byte> destination)
    {
        var location = Locate(tensor);
        CheckRange(location.Tensor, byteOffset, destination.Length, location.Tensor.ByteLength, "byte");
        FileOpening.ReadExactly(location.Handle, location.FilePath, destination, location.Offset + byteOffset, tensor);
    }

    public void ReadSingles(string tensor, long elementOffset, Span<float> destination) =>
        ReadConverted(this[tensor], elementOffset, destination, DType.F32,
            static (bytes, dtype, values) => DTypeConversion.ToSingle(bytes, dtype, values));

    public void ReadDoubles(string tensor, long elementOffset, Span<double> destination) =>
        ReadConverted(this[tensor], elementOffset, destination, DType.F64,
            static (bytes, dtype, values) => DTypeConversion.ToDouble(bytes, dtype, values));

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The open file and absolute offset holding the tensor's first byte.</summary>
    internal abstract TensorLocation Locate(string tensor);

    protected abstract void Dispose(bool disposing);

    private delegate void Converter<T>(ReadOnlySpan<byte> source, DType dtype, Span<T> destination);

    private void ReadConverted<T>(TensorInfo info, long elementOffset, Span<T> destination, DType nativeDType, Converter<T> convert)
        where T : unmanaged
    {
        CheckRange(info, elementOffset, destination.Length, info.ElementCount, "element");
        if (info.DType == nativeDType)
        {
            // Stored format equals the destination's: read straight into it.
            ReadBytes(info.Name, elementOffset * info.DType.ElementSize(), MemoryMarshal.AsBytes(destination));
            return;
        }
        var size = info.DType.ElementSize();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var perChunk = ChunkBytes / size;
            for (var done = 0; done < destination.Length; done += perChunk)
            {
                var count = Math.Min(perChunk, destination.Length - done);
                var bytes = buffer.AsSpan(0, count * size);
                ReadBytes(info.Name, (elementOffset + done) * size, bytes);
                convert(bytes, info.DType, destination.Slice(done, count));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void CheckRange(TensorInfo info, long offset, int length, long total, string unit)
    {
        if (offset < 0 || offset > total || length > total - offset)
            throw new ArgumentOutOfRangeException(
                nameof(offset), $"{Path}: tensor '{info.Name}': {unit} range [{offset}, {offset + length}) is outside [0, {total}).");
    }
}
