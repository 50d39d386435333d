using WeightFarcast.Checkpoints.Reading;

namespace WeightFarcast.Job.Sampling;

/// <summary>
/// Reads sampled coordinates out of checkpoints for one sampling pass. Readers are kept for one run at a time: each of
/// the run's checkpoints is opened (its header parsed) once while every group reads from it, and the readers are closed
/// when the pass moves on to another run (<see cref="BeginRun"/>), so open handles stay bounded by one run's distinct
/// steps (× shards) instead of references × steps. One chunk buffer serves every read: with `groups: tensor` a model with
/// hundreds of tensors used to reopen every step's file and allocate a fresh 4 MiB buffer once per tensor.
/// </summary>
internal sealed class CheckpointGather : IDisposable
{
    private const int ChunkElements = 1 << 20;

    private readonly Dictionary<string, ICheckpointReader> _readers = new(StringComparer.Ordinal);
    private readonly float[] _buffer = new float[ChunkElements];

    private object? _run;

    /// <summary>Checkpoint opens so far (a checkpoint read again after its run's readers were closed counts again).</summary>
    public int OpenedCount { get; private set; }

    /// <summary>Readers open right now.</summary>
    public int OpenCount => _readers.Count;

    /// <summary>The most readers that were open at once.</summary>
    public int PeakOpenCount { get; private set; }

    /// <summary>
    /// Starts reading <paramref name="run"/>: if the open readers belong to another run they are closed first. Reading the
    /// same run again (the target across self-similar horizons) keeps its readers, so its shared steps are opened once.
    /// </summary>
    public void BeginRun(object run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!ReferenceEquals(_run, run))
            CloseAll();
        _run = run;
    }

    /// <summary>Closes every open reader; later reads reopen their checkpoints.</summary>
    public void CloseAll()
    {
        foreach (var reader in _readers.Values)
            reader.Dispose();
        _readers.Clear();
        _run = null;
    }

    /// <summary>Reads the sampled coordinates of one checkpoint into column <paramref name="column"/> of a row-major matrix.</summary>
    public void Read(string path, CoordinateSample sample, float[] matrix, int column, int width, CancellationToken cancellationToken)
    {
        if (!_readers.TryGetValue(path, out var reader))
        {
            reader = CheckpointReader.Open(path);
            _readers.Add(path, reader);
            OpenedCount++;
            PeakOpenCount = Math.Max(PeakOpenCount, _readers.Count);
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

    public void Dispose() => CloseAll();
}
