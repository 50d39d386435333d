using WeightFarcast.Forecasting;
using WeightFarcast.Job.Sampling;

namespace WeightFarcast.Job.Fitting;

/// <summary>The fitted maps of a job: one global map (the paper) or one per tensor.</summary>
public sealed record ForecasterSet(IReadOnlyDictionary<string, FittedForecaster> Groups, IReadOnlyList<EpochProgress> History, TimeSpan FitTime, string? LoadedFrom = null)
{
    public bool IsGlobal => Groups.Count == 1 && Groups.ContainsKey(ReferenceSampler.GlobalGroup);

    public FittedForecaster Any => Groups.Values.First();

    /// <summary>The map that predicts <paramref name="tensorName"/>.</summary>
    public FittedForecaster For(string tensorName) =>
        Groups.TryGetValue(ReferenceSampler.GlobalGroup, out var global) ? global
        : Groups.TryGetValue(tensorName, out var own) ? own
        : throw new InvalidOperationException($"the forecaster has no map for tensor '{tensorName}'");
}
