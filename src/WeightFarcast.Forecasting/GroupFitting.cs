namespace WeightFarcast.Forecasting;

/// <summary>Fits one independent map per group (e.g. per tensor), one after another on the calling thread.</summary>
public static class GroupFitting
{
    /// <summary>Progress reports carry the group's key in <see cref="EpochProgress.Group"/>.</summary>
    public static IReadOnlyDictionary<string, FitResult> FitEach(
        IReadOnlyDictionary<string, TrainValidationSplit> groups,
        FitOptions? options = null,
        IProgress<EpochProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var results = new Dictionary<string, FitResult>(groups.Count, StringComparer.Ordinal);
        foreach (var (key, split) in groups)
            results[key] = ForecasterTrainer.Fit(split, options, progress, cancellationToken, key);
        return results;
    }
}
