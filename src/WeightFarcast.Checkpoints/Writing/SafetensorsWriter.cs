using System.Buffers;
using WeightFarcast.Checkpoints.DTypes;

namespace WeightFarcast.Checkpoints.Writing;

/// <summary>
/// Streams one safetensors file: the header is written first (the layout is known up front), tensor bytes go to
/// their final offsets with positional writes, into a temporary file beside the target. <see cref="Commit"/>
/// verifies every byte of every tensor was written, fsyncs and renames over the target (atomic on one file system;
/// the folder itself is not fsynced, which .NET cannot do portably).
/// </summary>
public sealed class SafetensorsWriter : ICheckpointWriter
{
    private const int ChunkBytes = 1 << 20;

    private readonly SafetensorsLayout _layout;
    private readonly Dictionary<string, TensorInfo> _byName;
    private readonly Dictionary<string, ByteRangeSet> _written;
    private FileStream? _file;
    private bool _committed;

    public SafetensorsWriter(string path, IEnumerable<TensorInfo> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _layout = SafetensorsLayout.Create(tensors, metadata);
        _byName = _layout.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _written = _layout.Tensors.ToDictionary(t => t.Name, _ => new ByteRangeSet(), StringComparer.Ordinal);
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        TempPath = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(folder);
            _file = new FileStream(TempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            _file.SetLength(_layout.FileLength);
            RandomAccess.Write(_file.SafeFileHandle, _layout.Header, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteTemp();
            throw new CheckpointException(Path, $"cannot create the output file: {e.Message}", e);
        }
    }

    public string Path { get; }

    /// <summary>The temporary file data goes to until <see cref="Commit"/>.</summary>
    public string TempPath { get; }

    public IReadOnlyList<TensorInfo> Tensors => _layout.Tensors;

    public void WriteBytes(string tensor, long byteOffset, ReadOnlySpan<byte> data)
    {
        var file = _file ?? throw new ObjectDisposedException(nameof(SafetensorsWriter), _committed ? "Already committed." : null);
        var info = Find(tensor);
        if (byteOffset < 0 || byteOffset > info.ByteLength || data.Length > info.ByteLength - byteOffset)
            throw new ArgumentOutOfRangeException(nameof(byteOffset),
                $"{Path}: tensor '{tensor}': bytes [{byteOffset}, {byteOffset + data.Length}) are outside [0, {info.ByteLength}).");
        try
        {
            RandomAccess.Write(file.SafeFileHandle, data, _layout.AbsoluteOffsets[tensor] + byteOffset);
        }
        catch (IOException e)
        {
            throw new CheckpointException(Path, tensor, $"write failed: {e.Message}", e);
        }
        var ranges = _written[tensor];
        lock (ranges)
            ranges.Add(byteOffset, byteOffset + data.Length);
    }

    public void WriteSingles(string tensor, long elementOffset, ReadOnlySpan<float> values)
    {
        var info = Find(tensor);
        var size = info.DType.ElementSize();
        if (!info.IsFloatingPoint)
            throw new ArgumentException($"{Path}: tensor '{tensor}' is {info.DType.SafetensorsName()}; write non-float tensors with WriteBytes.", nameof(tensor));
        if (elementOffset < 0 || elementOffset > info.ElementCount || values.Length > info.ElementCount - elementOffset)
            throw new ArgumentOutOfRangeException(nameof(elementOffset),
                $"{Path}: tensor '{tensor}': elements [{elementOffset}, {elementOffset + values.Length}) are outside [0, {info.ElementCount}).");
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            var perChunk = ChunkBytes / size;
            for (var done = 0; done < values.Length; done += perChunk)
            {
                var count = Math.Min(perChunk, values.Length - done);
                var bytes = buffer.AsSpan(0, count * size);
                DTypeConversion.FromSingle(values.Slice(done, count), info.DType, bytes);
                WriteBytes(tensor, (elementOffset + done) * size, bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Commit()
    {
        FlushVerified();
        MoveIntoPlace();
    }

    public void Dispose()
    {
        if (_committed)
            return;
        _file?.Dispose();
        _file = null;
        DeleteTemp();
    }

    /// <summary>First half of a commit: verify completeness and fsync; sharded writers do this for all shards before renaming any.</summary>
    internal void FlushVerified()
    {
        var file = _file ?? throw new ObjectDisposedException(nameof(SafetensorsWriter), _committed ? "Already committed." : null);
        foreach (var tensor in _layout.Tensors)
        {
            var ranges = _written[tensor.Name];
            lock (ranges)
            {
                if (ranges.FirstGap(tensor.ByteLength) is { } gap)
                    throw new CheckpointException(Path, tensor.Name,
                        $"not fully written: {ranges.Covered} of {tensor.ByteLength} bytes, first missing byte at {gap}. Nothing was committed.");
            }
        }
        try
        {
            file.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            throw new CheckpointException(Path, $"flushing to disk failed: {e.Message}", e);
        }
    }

    /// <summary>Second half of a commit: close and rename the temporary file over the target.</summary>
    internal void MoveIntoPlace()
    {
        _file?.Dispose();
        _file = null;
        try
        {
            File.Move(TempPath, Path, overwrite: true);
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteTemp();
            throw new CheckpointException(Path, $"cannot move the finished file into place: {e.Message}", e);
        }
    }

    private TensorInfo Find(string tensor) =>
        _byName.TryGetValue(tensor, out var info)
            ? info
            : throw new ArgumentException($"{Path}: tensor '{tensor}' is not part of this file's layout.", nameof(tensor));

    private void DeleteTemp()
    {
        try
        {
            File.Delete(TempPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temp name starts with '.', so a leftover is hidden and never mistaken for output.
        }
    }
}
