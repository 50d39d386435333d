namespace WeightFarcast.Checkpoints.Statistics;

/// <summary>
/// Summary of one tensor. Min, max, mean, std (population, ddof = 0) and sum cover the finite values only; NaN and
/// infinities are counted separately so one bad value does not hide the rest. With no finite values, min, max,
/// mean and std are NaN and sum is 0.
/// </summary>
public sealed record TensorStatistics(
    long Count,
    double Min,
    double Max,
    double Mean,
    double Std,
    double Sum,
    long NaNCount,
    long InfCount)
{
    public long FiniteCount => Count - NaNCount - InfCount;

    public bool HasNonFinite => NaNCount > 0 || InfCount > 0;
}
