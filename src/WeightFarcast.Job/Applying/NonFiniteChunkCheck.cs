using System.Numerics;
using System.Runtime.InteropServices;
using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.Statistics;

namespace WeightFarcast.Job.Applying;

/// <summary>NaN or Inf in one chunk of input weights while applying: fail naming the file and tensor, or let them flow
/// through (they stay NaN/Inf). Checking chunks as they stream by avoids the separate pass that
/// <see cref="Checkpoints.Statistics.NonFiniteCheck"/> makes over a whole checkpoint.</summary>
public static class NonFiniteChunkCheck
{
    // A binary32 is NaN or Inf exactly when all its exponent bits are set.
    private const uint ExponentMask = 0x7F80_0000u;

    public static void Check(ReadOnlySpan<float> values, string path, string tensor, NonFinitePolicy policy)
    {
        if (policy == NonFinitePolicy.CarryThrough || !HasNonFinite(values))
            return;
        // Rare path: count them for the message.
        int nan = 0, inf = 0;
        foreach (var v in values)
        {
            if (float.IsNaN(v)) nan++;
            else if (float.IsInfinity(v)) inf++;
        }
        throw new CheckpointException(path, tensor, $"contains {nan} NaN and {inf} Inf values (set nan_policy: carry to pass them through)");
    }

    /// <summary>Vectorised scan: this runs over every input element of every apply, so it must not be the bottleneck.</summary>
    private static bool HasNonFinite(ReadOnlySpan<float> values)
    {
        var bits = MemoryMarshal.Cast<float, uint>(values);
        var i = 0;
        if (Vector.IsHardwareAccelerated && bits.Length >= Vector<uint>.Count)
        {
            var mask = new Vector<uint>(ExponentMask);
            var vectors = MemoryMarshal.Cast<uint, Vector<uint>>(bits);
            foreach (var v in vectors)
            {
                if (Vector.EqualsAny(v & mask, mask))
                    return true;
            }
            i = vectors.Length * Vector<uint>.Count;
        }
        for (; i < bits.Length; i++)
        {
            if ((bits[i] & ExponentMask) == ExponentMask)
                return true;
        }
        return false;
    }
}
