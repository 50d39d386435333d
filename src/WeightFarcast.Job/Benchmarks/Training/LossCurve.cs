namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>One evaluated checkpoint of a run: the step (updates from the run's w_0) and its evaluation loss.</summary>
public readonly record struct LossPoint(long Step, double Loss);

/// <summary>
/// Reading steps off a loss curve. Resolution is the checkpoint grid: a run "reaches" a loss at the first evaluated
/// checkpoint whose loss is at most that value, never at an interpolated step, so reported savings err on the low side.
/// </summary>
public static class LossCurve
{
    /// <summary>The loss evaluated at exactly <paramref name="step"/>.</summary>
    public static double LossAt(IReadOnlyList<LossPoint> curve, long step)
    {
        ArgumentNullException.ThrowIfNull(curve);
        foreach (var point in curve)
        {
            if (point.Step == step)
                return point.Loss;
        }
        throw new InvalidOperationException($"step {step} was not evaluated");
    }

    /// <summary>The first step whose loss is at most <paramref name="loss"/>, or null when the curve never gets there.</summary>
    public static long? FirstStepReaching(IReadOnlyList<LossPoint> curve, double loss)
    {
        ArgumentNullException.ThrowIfNull(curve);
        foreach (var point in curve)
        {
            if (point.Loss <= loss)
                return point.Step;
        }
        return null;
    }
}
