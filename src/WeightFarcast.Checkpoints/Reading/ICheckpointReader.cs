using System.Diagnostics.CodeAnalysis;

namespace WeightFarcast.Checkpoints.Reading;

/// <summary>
/// An open checkpoint: its tensor table plus streaming reads. Reads are positional and thread-safe, never load the
/// whole file, and memory does not grow with checkpoint size.
/// </summary>
public interface ICheckpointReader : IDisposable
{
    /// <summary>The path the checkpoint was opened from (file, folder or index file).</summary>
    string Path { get; }

    CheckpointFormat Format { get; }

    /// <summary>safetensors <c>__metadata__</c> (merged over shards); empty for PyTorch files.</summary>
    IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Tensors in file order (shard by shard for sharded checkpoints).</summary>
    IReadOnlyList<TensorInfo> Tensors { get; }

    /// <summary>Tensor name -> file name (relative to the checkpoint folder) that holds it; one file for unsharded checkpoints.</summary>
    IReadOnlyDictionary<string, string> WeightMap { get; }

    /// <summary>The tensor's info; throws <see cref="CheckpointException"/> naming the tensor when absent.</summary>
    TensorInfo this[string name] { get; }

    bool TryGetTensor(string name, [MaybeNullWhen(false)] out TensorInfo tensor);

    /// <summary>Fills <paramref name="destination"/> with the tensor's raw little-endian bytes starting at <paramref name="byteOffset"/>.</summary>
    void ReadBytes(string tensor, long byteOffset, Span<byte> destination);

    /// <summary>Fills <paramref name="destination"/> with elements starting at <paramref name="elementOffset"/>, converted from the stored dtype.</summary>
    void ReadSingles(string tensor, long elementOffset, Span<float> destination);

    /// <summary>As <see cref="ReadSingles"/> but to double (exact for F64 and every narrower float dtype).</summary>
    void ReadDoubles(string tensor, long elementOffset, Span<double> destination);
}
