namespace WeightFarcast.Job.Applying;

/// <summary>Counts finished chunks per tensor and reports "applied i/n tensors" every 16 tensors and at the end, from any
/// worker. Reports are made under a lock, so with a synchronous progress the counts arrive in increasing order (a worker
/// cannot report 48/64 after another reported 64/64); the lock is taken once per finished tensor, not per chunk.</summary>
internal sealed class TensorProgress
{
    private readonly int _tensors;
    private readonly ApplyChunks _chunks;
    private readonly IProgress<string>? _progress;
    private readonly int[] _remaining;
    private readonly Lock _gate = new();
    private int _done;

    public TensorProgress(int tensors, ApplyChunks chunks, IProgress<string>? progress)
    {
        _tensors = tensors;
        _chunks = chunks;
        _progress = progress;
        _remaining = new int[tensors];
        for (var t = 0; t < tensors; t++)
            _remaining[t] = chunks.OfTensor(t).Count;
        // Tensors without chunks (empty) count as done from the start.
        _done = _remaining.Count(r => r == 0);
    }

    public void ChunkDone(int chunk)
    {
        if (_progress is null)
            return;
        if (Interlocked.Decrement(ref _remaining[_chunks[chunk].TensorIndex]) != 0)
            return;
        lock (_gate)
        {
            var done = ++_done;
            if (done % 16 == 0 || done == _tensors)
                _progress.Report($"applied {done}/{_tensors} tensors");
        }
    }
}
