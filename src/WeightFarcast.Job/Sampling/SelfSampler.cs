using WeightFarcast.Forecasting;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Sampling;

/// <summary>forecaster.source: self: rows from the target's own trajectory, one data set per horizon (each horizon
/// reads its own rescaled step m): inputs (w_s0, w_m), target w_n, labelled (s0, n) -> H.</summary>
public static class SelfSampler
{
    /// <summary>The target's steps the rows read: s0, every rescaled step m and n.</summary>
    public static IEnumerable<int> StepsRead(JobPlan plan) =>
        plan.SelfFits.Select(f => f.RescaledStep).Append(plan.InitialStep).Append(plan.ObservedStep).Distinct().Order();

    /// <summary>The target is the only run (run number 0), so every horizon draws the same coordinates.</summary>
    public static IReadOnlyList<(SelfSimilarFit Fit, IReadOnlyDictionary<string, FitData> Data)> Sample(
        JobPlan plan, int sample, bool perTensor, int seed, CancellationToken cancellationToken)
    {
        if (plan.SelfFits.Count == 0)
            throw new InvalidOperationException("the plan has no self-similar fits (forecaster.source is not self)");
        // One gather for all horizons: s0 and n are opened once, not once per horizon.
        using var gather = new CheckpointGather();
        return plan.SelfFits
            .Select(fit => (fit, ReferenceSampler.Sample(plan, [plan.Target], RowSteps.ForSelf(plan, fit), sample, perTensor, seed, cancellationToken, gather)))
            .ToList();
    }
}
