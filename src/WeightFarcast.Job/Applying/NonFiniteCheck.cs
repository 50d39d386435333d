using System.Numerics;
using System.Runtime.InteropServices;
using WeightFarcast.Checkpoints;

namespace WeightFarcast.Job.Applying;

public enum NanPolicy { Fail, CarryThrough }

/// <summary>NaN or Inf in input weights: fail naming the file and tensor, or let them flow through (they stay NaN/Inf).</summary>
public static class NonFiniteCheck
{
    // A binary32 is NaN or Inf exactly when all its exponent bits are set.
    private const uint ExponentMask = 0x7F80_0000u;

    public static void Check(ReadOnlySpan<float> values, string path, string tensor, NanPolicy policy)
    {
        if (policy == NanPolicy.CarryThrough || !HasNonFinite(values))
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
