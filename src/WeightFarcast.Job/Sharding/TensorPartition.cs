using WeightFarcast.Checkpoints;

namespace WeightFarcast.Job.Sharding;

/// <summary>
/// Splits a checkpoint's tensors over N shards, balanced by bytes: largest first (ties by name, ordinal) into the
/// least-loaded shard (ties to the lowest index). Depends only on names and sizes, so every shard process and the
/// merge compute the same partition without talking to each other.
/// </summary>
public static class TensorPartition
{
    /// <summary>The shard of every tensor, aligned with <paramref name="tensors"/>.</summary>
    public static int[] Assign(IReadOnlyList<TensorInfo> tensors, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        var loads = new long[shardCount];
        var shards = new int[tensors.Count];
        var order = Enumerable.Range(0, tensors.Count)
            .OrderByDescending(t => tensors[t].ByteLength)
            .ThenBy(t => tensors[t].Name, StringComparer.Ordinal);
        foreach (var t in order)
        {
            var target = 0;
            for (var s = 1; s < shardCount; s++)
            {
                if (loads[s] < loads[target])
                    target = s;
            }
            shards[t] = target;
            loads[target] += tensors[t].ByteLength;
        }
        return shards;
    }

    /// <summary>The tensors of shard <paramref name="shard"/>, in their original order.</summary>
    public static IReadOnlyList<TensorInfo> Of(IReadOnlyList<TensorInfo> tensors, ShardSpec shard)
    {
        var assigned = Assign(tensors, shard.Count);
        return tensors.Where((_, t) => assigned[t] == shard.Index).ToList();
    }
}
