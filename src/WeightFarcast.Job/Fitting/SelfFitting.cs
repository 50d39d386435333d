using System.Diagnostics;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Fitting;

/// <summary>forecaster.source: self: one fit per horizon on that horizon's rescaled rows, stacked per group into one
/// map labelled (s0, n) -> all horizons.</summary>
public static class SelfFitting
{
    public static ForecasterSet Fit(
        IReadOnlyList<(SelfSimilarFit Fit, IReadOnlyDictionary<string, FitData> Data)> perHorizon,
        ForecasterConfig config,
        string device,
        IProgress<EpochProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(perHorizon);
        var clock = Stopwatch.StartNew();
        // Horizon by horizon, in plan order: the stacked columns follow the plan's ascending horizons.
        var sets = new List<ForecasterSet>();
        foreach (var (fit, data) in perHorizon)
            sets.Add(ForecasterFitting.Fit(data, config, device, progress, cancellationToken, $"h{fit.Horizon}"));
        var groups = sets[0].Groups.Keys.ToDictionary(
            group => group, group => HorizonStack.Combine(sets.Select(s => s.Groups[group]).ToList()), StringComparer.Ordinal);
        return new ForecasterSet(groups, sets.SelectMany(s => s.History).ToList(), clock.Elapsed);
    }
}
