namespace WeightFarcast.Forecasting;

/// <summary>Resolves an <see cref="InputScheme"/> to the observed steps it reads, given the steps that exist.</summary>
public static class InputStepSelector
{
    // Fractions of the observed span (first .. last available step); the paper's n = 20 gives w_0, w_6, w_10, w_15.
    private static readonly double[] SampledFractions = [0.0, 0.3, 0.5, 0.75];
    private static readonly double[] IntrospectionFractions = [0.0, 0.4, 0.7, 1.0];

    /// <summary>
    /// The steps (ascending, distinct) the scheme needs. <paramref name="availableSteps"/> are the observed
    /// checkpoint steps; the first is w_0's step and the last is the observed step n. Fractional points snap to
    /// the nearest available step (ties to the earlier one), so sparse checkpoints still work.
    /// </summary>
    public static int[] SelectSteps(InputScheme scheme, IReadOnlyList<int> availableSteps)
    {
        ArgumentNullException.ThrowIfNull(availableSteps);
        var steps = availableSteps.Distinct().Order().ToArray();
        if (steps.Length == 0)
            throw new ArgumentException("at least one observed step is needed", nameof(availableSteps));
        if (steps.Length == 1 && scheme != InputScheme.Lfl)
            throw new ArgumentException($"{scheme} needs at least two observed steps", nameof(availableSteps));
        return scheme switch
        {
            InputScheme.Lfd2 => [steps[0], steps[^1]],
            InputScheme.Lfl => [steps[^1]],
            InputScheme.Lfs => Snap(steps, SampledFractions),
            InputScheme.Introspection => Snap(steps, IntrospectionFractions),
            InputScheme.Lfn => steps,
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
        };
    }

    private static int[] Snap(int[] steps, double[] fractions)
    {
        var first = steps[0];
        var span = steps[^1] - first;
        return fractions
            .Select(f => Nearest(steps, first + f * span))
            .Distinct()
            .Order()
            .ToArray();
    }

    private static int Nearest(int[] steps, double target)
    {
        var best = steps[0];
        foreach (var step in steps)
        {
            if (Math.Abs(step - target) < Math.Abs(best - target) - 1e-9)
                best = step;
        }
        return best;
    }
}
