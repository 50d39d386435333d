using WeightFarcast.Checkpoints;

namespace WeightFarcast.Job.Applying;

/// <summary>One unit of parallel work: a slice of one tensor, in elements for forecast tensors and in bytes for carried ones.</summary>
internal readonly record struct ApplyChunk(int TensorIndex, long Offset, int Length, bool Forecast);

/// <summary>
/// The apply work split into chunks, tensor by tensor in file order; a tensor's chunks are contiguous, so combining
/// per-chunk results in chunk order is combining them in tensor order (deterministic whatever the scheduling).
/// </summary>
internal sealed class ApplyChunks
{
    private readonly List<ApplyChunk> _chunks = [];
    private readonly (int First, int Count)[] _byTensor;

    public ApplyChunks(IReadOnlyList<TensorInfo> tensors, int chunkElements)
    {
        _byTensor = new (int, int)[tensors.Count];
        for (var t = 0; t < tensors.Count; t++)
        {
            var tensor = tensors[t];
            var forecast = tensor.IsFloatingPoint && tensor.ElementCount > 0;
            // Carried tensors move the same number of bytes per chunk as an F32 forecast chunk.
            var (total, step) = forecast ? (tensor.ElementCount, (long)chunkElements) : (tensor.ByteLength, chunkElements * 4L);
            var first = _chunks.Count;
            for (long offset = 0; offset < total; offset += step)
                _chunks.Add(new ApplyChunk(t, offset, (int)Math.Min(step, total - offset), forecast));
            _byTensor[t] = (first, _chunks.Count - first);
        }
    }

    public int Count => _chunks.Count;

    public ApplyChunk this[int index] => _chunks[index];

    /// <summary>The index of the tensor's first chunk and how many it has (zero for empty tensors).</summary>
    public (int First, int Count) OfTensor(int tensorIndex) => _byTensor[tensorIndex];
}
