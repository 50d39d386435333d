using WeightFarcast.Checkpoints.Reading;

namespace WeightFarcast.Job.Sampling;

/// <summary>
/// Reads sampled coordinates out of checkpoints for one sampling pass. Each checkpoint is opened (its header parsed)
/// once and kept open until the pass ends, and one chunk buffer serves every read: with `groups: tensor` a model with
/// hundreds of tensors used to reopen every step's file and allocate a fresh 4 MiB buffer once per tensor.
/// </summary>
internal sealed class CheckpointGather : IDisposable
{
    private const int ChunkElements = 1 << 20;

    private readonly Dictionary<string, ICheckpointReader> _readers = new(StringComparer.Ordinal);
    private readonly float[] _buffer = new float[ChunkElements];

    /// <summary>Checkpoints opened so far (each once).</summary>
    public int OpenedCount => _readers.Count;

    /// <summary>Reads the sampled coordinates of one checkpoint into column <paramref name="column"/> of a row-major matrix.</summary>
    public void Read(string path, CoordinateSample sample, float[] matrix, int column, int width, CancellationToken cancellationToken)
    {
        if (!_readers.TryGetValue(path, out var reader))
        {
            reader = CheckpointReader.Open(path);
            _readers.Add(path, reader);
        }
        var row = 0;
        foreach (var (tensor, indices) in sample.Picks)
        {
            var i = 0;
            while (i < indices.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunkStart = indices[i];
                var length = (int)Math.Min(ChunkElements, tensor.ElementCount - chunkStart);
                reader.ReadSingles(tensor.Name, chunkStart, _buffer.AsSpan(0, length));
                for (; i < indices.Length && indices[i] < chunkStart + length; i++)
                    matrix[(row + i) * width + column] = _buffer[indices[i] - chunkStart];
            }
            row += indices.Length;
        }
    }

    public void Dispose()
    {
        foreach (var reader in _readers.Values)
            reader.Dispose();
        _readers.Clear();
    }
}
