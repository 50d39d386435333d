namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>Mean and population standard deviation (numpy's default, as the authors report).</summary>
internal static class MeanAndDeviation
{
    public static (double Mean, double Std) Of(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return (mean, Math.Sqrt(variance));
    }
}
