using System.Buffers;
using WeightFarcast.Checkpoints.Reading;

namespace WeightFarcast.Checkpoints.Statistics;

/// <summary>One streaming pass over a tensor (fixed 1 MiB working buffer) computing <see cref="TensorStatistics"/>.</summary>
public static class TensorStatisticsCalculator
{
    private const int ChunkElements = 1 << 17;

    public static TensorStatistics Compute(ICheckpointReader reader, string tensor)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var info = reader[tensor];
        var accumulator = new StatisticsAccumulator();
        var buffer = ArrayPool<double>.Shared.Rent(ChunkElements);
        try
        {
            for (long done = 0; done < info.ElementCount; done += ChunkElements)
            {
                var chunk = buffer.AsSpan(0, (int)Math.Min(ChunkElements, info.ElementCount - done));
                reader.ReadDoubles(tensor, done, chunk);
                accumulator.Add(chunk);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
        return accumulator.Result();
    }
}
