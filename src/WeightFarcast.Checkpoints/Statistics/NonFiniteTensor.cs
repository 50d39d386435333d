namespace WeightFarcast.Checkpoints.Statistics;

/// <summary>A tensor holding NaN or infinite values, with how many of each.</summary>
public sealed record NonFiniteTensor(string Name, long NaNCount, long InfCount)
{
    public override string ToString() => $"{Name} (NaN: {NaNCount}, Inf: {InfCount})";
}
