namespace WeightFarcast.Checkpoints.Writing;

/// <summary>
/// A checkpoint being written: the layout is fixed up front, tensor data arrives in any order and in chunks
/// (thread-safe positional writes), and nothing appears at <see cref="Path"/> until <see cref="Commit"/> succeeds.
/// Disposing without committing removes every temporary file.
/// </summary>
public interface ICheckpointWriter : IDisposable
{
    /// <summary>The file (or folder, for sharded output) that <see cref="Commit"/> produces.</summary>
    string Path { get; }

    /// <summary>The tensors in the order they are laid out.</summary>
    IReadOnlyList<TensorInfo> Tensors { get; }

    /// <summary>Writes raw little-endian bytes of a tensor starting at <paramref name="byteOffset"/>.</summary>
    void WriteBytes(string tensor, long byteOffset, ReadOnlySpan<byte> data);

    /// <summary>Writes elements starting at <paramref name="elementOffset"/>, converted to the tensor's (float) dtype.</summary>
    void WriteSingles(string tensor, long elementOffset, ReadOnlySpan<float> values);

    /// <summary>Checks every tensor was fully written, syncs to disk and renames the output into place.</summary>
    void Commit();
}
