namespace WeightFarcast.Training;

/// <summary>
/// A tiny seeded generator for shuffles. Our own, so splits and batch orders never change with the .NET
/// or libtorch version and never touch torch's global RNG.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound); the modulo bias is below 2^-50 for the sizes shuffled here.</summary>
    public int NextBelow(int bound) => (int)(Next() % (ulong)bound);

    /// <summary>Fisher-Yates permutation of 0..count-1.</summary>
    public int[] Permutation(int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = count - 1; i > 0; i--)
        {
            var j = NextBelow(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
