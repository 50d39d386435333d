using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.Writing;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>
/// Writes the synthetic w_0 and w_n chunk by chunk with the product's safetensors writer, so the model is never in
/// memory: values come from two fixed pools of seeded random weights, read at a different rotation for every chunk
/// (distinct data, no per-element random generation). w_n is w_0 plus a small drift, so both are finite and realistic.
/// </summary>
public static class ThroughputCheckpointGenerator
{
    private const int ChunkElements = 1 << 20;
    private const int PoolElements = (1 << 20) + 4099; // not a multiple of the chunk: rotations differ chunk to chunk

    public static void Write(IReadOnlyList<TensorInfo> tensors, string initialPath, string observedPath, CancellationToken cancellationToken)
    {
        var random = new Random(20250707);
        var weights = new float[PoolElements];
        var drift = new float[PoolElements];
        for (var i = 0; i < PoolElements; i++)
        {
            weights[i] = (float)((random.NextDouble() - 0.5) * 0.08);
            drift[i] = weights[i] + (float)((random.NextDouble() - 0.5) * 0.004);
        }
        var chunk = new float[ChunkElements];
        using var initial = new SafetensorsWriter(initialPath, tensors, new Dictionary<string, string> { ["step"] = "0" });
        using var observed = new SafetensorsWriter(observedPath, tensors, new Dictionary<string, string> { ["step"] = "1000" });
        long rotation = 0;
        foreach (var tensor in tensors)
        {
            if (!tensor.IsFloatingPoint)
            {
                initial.WriteBytes(tensor.Name, 0, new byte[tensor.ByteLength]);
                observed.WriteBytes(tensor.Name, 0, BitConverter.GetBytes(1000L).AsSpan(0, (int)tensor.ByteLength));
                continue;
            }
            for (long offset = 0; offset < tensor.ElementCount; offset += ChunkElements)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = (int)Math.Min(ChunkElements, tensor.ElementCount - offset);
                var start = (int)(rotation++ * 7919 % PoolElements);
                Fill(weights, start, chunk.AsSpan(0, n));
                initial.WriteSingles(tensor.Name, offset, chunk.AsSpan(0, n));
                Fill(drift, start, chunk.AsSpan(0, n));
                observed.WriteSingles(tensor.Name, offset, chunk.AsSpan(0, n));
            }
        }
        initial.Commit();
        observed.Commit();
    }

    private static void Fill(float[] pool, int start, Span<float> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var count = Math.Min(destination.Length - done, pool.Length - start);
            pool.AsSpan(start, count).CopyTo(destination[done..]);
            done += count;
            start = 0;
        }
    }
}
