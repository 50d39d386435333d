using WeightFarcast.Checkpoints;

namespace WeightFarcast.Job.Applying;

public enum NanPolicy { Fail, CarryThrough }

/// <summary>NaN or Inf in input weights: fail naming the file and tensor, or let them flow through (they stay NaN/Inf).</summary>
public static class NonFiniteCheck
{
    public static void Check(ReadOnlySpan<float> values, string path, string tensor, NanPolicy policy)
    {
        if (policy == NanPolicy.CarryThrough)
            return;
        int nan = 0, inf = 0;
        foreach (var v in values)
        {
            if (float.IsNaN(v)) nan++;
            else if (float.IsInfinity(v)) inf++;
        }
        if (nan + inf > 0)
            throw new CheckpointException(path, tensor, $"contains {nan} NaN and {inf} Inf values (set nan_policy: carry to pass them through)");
    }
}
