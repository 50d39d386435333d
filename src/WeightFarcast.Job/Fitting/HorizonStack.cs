using WeightFarcast.Forecasting;

namespace WeightFarcast.Job.Fitting;

/// <summary>Stacks maps that read the same inputs into one map over all their horizons (self mode fits each horizon
/// on its own rows), so applying, saving, loading and reporting see one ordinary multi-horizon map.</summary>
public static class HorizonStack
{
    /// <summary>
    /// Coefficient columns and biases are concatenated in the given order. Epochs and BestEpoch are the largest of
    /// the parts (the longest fit); the best losses are the parts' means weighted by horizon count, which is the
    /// mean over all rows and horizons when every part has the same rows, as a joint fit would report it.
    /// </summary>
    public static FittedForecaster Combine(IReadOnlyList<FittedForecaster> maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.Count == 0)
            throw new ArgumentException("at least one map is needed", nameof(maps));
        var first = maps[0];
        if (maps.Any(m => !m.InputSteps.SequenceEqual(first.InputSteps) || m.ObservedStep != first.ObservedStep))
            throw new ArgumentException("stacked maps must read the same input steps and observed step", nameof(maps));
        var horizons = maps.SelectMany(m => m.HorizonSteps).ToArray();
        if (horizons.Distinct().Count() != horizons.Length)
            throw new ArgumentException("stacked maps must predict different horizons", nameof(maps));

        var coefficients = new float[first.InputCount * horizons.Length];
        var column = 0;
        foreach (var map in maps)
        {
            for (var h = 0; h < map.HorizonCount; h++, column++)
            {
                for (var j = 0; j < first.InputCount; j++)
                    coefficients[j * horizons.Length + column] = map.Coefficient(j, h);
            }
        }
        return first with
        {
            HorizonSteps = horizons,
            Coefficients = coefficients,
            Bias = maps.SelectMany(m => m.Bias).ToArray(),
            Epochs = maps.Max(m => m.Epochs),
            BestEpoch = maps.Max(m => m.BestEpoch),
            BestTrainLoss = maps.Sum(m => m.BestTrainLoss * m.HorizonCount) / horizons.Length,
            BestValidationLoss = maps.Sum(m => m.BestValidationLoss * m.HorizonCount) / horizons.Length,
        };
    }
}
