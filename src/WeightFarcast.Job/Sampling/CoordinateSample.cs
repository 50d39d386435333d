using WeightFarcast.Checkpoints;

namespace WeightFarcast.Job.Sampling;

/// <summary>Which coordinates of which tensors are sampled from a reference run: sorted element indices per tensor,
/// so each tensor is read once, front to back, in chunks.</summary>
public sealed class CoordinateSample
{
    private CoordinateSample(IReadOnlyList<(TensorInfo Tensor, long[] Indices)> picks) => Picks = picks;

    public IReadOnlyList<(TensorInfo Tensor, long[] Indices)> Picks { get; }

    public int Count => Picks.Sum(p => p.Indices.Length);

    /// <summary>Uniform over all elements of <paramref name="tensors"/>, without replacement; all of them when there are fewer.</summary>
    public static CoordinateSample Draw(IReadOnlyList<TensorInfo> tensors, int count, Random random)
    {
        var total = tensors.Sum(t => t.ElementCount);
        var chosen = count >= total ? null : DrawDistinct(total, count, random);
        var picks = new List<(TensorInfo, long[])>();
        long start = 0;
        var cursor = 0;
        foreach (var tensor in tensors)
        {
            long[] indices;
            if (chosen is null)
            {
                indices = new long[tensor.ElementCount];
                for (var i = 0L; i < indices.Length; i++)
                    indices[i] = i;
            }
            else
            {
                var from = cursor;
                while (cursor < chosen.Length && chosen[cursor] < start + tensor.ElementCount)
                    cursor++;
                indices = chosen[from..cursor].Select(g => g - start).ToArray();
            }
            if (indices.Length > 0)
                picks.Add((tensor, indices));
            start += tensor.ElementCount;
        }
        return new CoordinateSample(picks);
    }

    // Floyd's algorithm: exactly `count` distinct values in [0, total) with O(count) memory, whatever `total` is.
    private static long[] DrawDistinct(long total, int count, Random random)
    {
        var set = new HashSet<long>(count);
        for (var j = total - count; j < total; j++)
        {
            var t = random.NextInt64(j + 1);
            set.Add(set.Contains(t) ? j : t);
        }
        var result = set.ToArray();
        Array.Sort(result);
        return result;
    }
}
