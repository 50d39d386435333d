namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>How a measured value relates to the truth when a run stopped before the event it waits for.</summary>
public enum Censoring
{
    Exact,

    /// <summary>The event came later than measured (e.g. the real run never reached the loss within 8n steps).</summary>
    AtLeast,

    /// <summary>The true value is at most this (e.g. a speedup whose continuation never reached the target loss).</summary>
    AtMost,

    /// <summary>Bounds in both directions were mixed; only the value of the mean is known to be a rough figure.</summary>
    Mixed,
}

/// <summary>A value with its censoring; the report prints "≥" or "≤" in front of censored values instead of hiding them.</summary>
public readonly record struct Estimate(double Value, Censoring Censoring = Censoring.Exact)
{
    public static Estimate AtLeast(double value) => new(value, Censoring.AtLeast);

    public static Estimate AtMost(double value) => new(value, Censoring.AtMost);

    /// <summary>The mean value; censored if any input was, in the direction they share.</summary>
    public static Estimate Mean(IReadOnlyCollection<Estimate> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("no values to average", nameof(values));
        var kinds = values.Select(v => v.Censoring).Where(c => c != Censoring.Exact).Distinct().ToList();
        return new Estimate(values.Average(v => v.Value), kinds.Count switch
        {
            0 => Censoring.Exact,
            1 => kinds[0],
            _ => Censoring.Mixed,
        });
    }

    /// <summary>a / b where a and b may be censored: a lower bound over an upper bound is a lower bound, and so on.</summary>
    public static Estimate Ratio(Estimate numerator, Estimate denominator)
    {
        var value = numerator.Value / denominator.Value;
        var kind = (numerator.Censoring, denominator.Censoring) switch
        {
            (Censoring.Exact, Censoring.Exact) => Censoring.Exact,
            (Censoring.AtLeast or Censoring.Exact, Censoring.AtMost or Censoring.Exact) => Censoring.AtLeast,
            (Censoring.AtMost or Censoring.Exact, Censoring.AtLeast or Censoring.Exact) => Censoring.AtMost,
            _ => Censoring.Mixed,
        };
        return new Estimate(value, kind);
    }

    public string Format(string format) => Censoring switch
    {
        Censoring.AtLeast => "≥ ",
        Censoring.AtMost => "≤ ",
        Censoring.Mixed => "~ ",
        _ => "",
    } + Value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
