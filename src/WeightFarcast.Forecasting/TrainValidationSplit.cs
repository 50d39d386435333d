namespace WeightFarcast.Forecasting;

/// <summary>Training rows and the validation rows that drive early stopping.</summary>
public sealed record TrainValidationSplit(FitData Train, FitData Validation)
{
    /// <summary>Split by whole runs (the paper: runs 0-99 train, 100-149 validate).</summary>
    public static TrainValidationSplit ByRuns(FitData data, Func<int, bool> isValidationRun)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(isValidationRun);
        var split = new TrainValidationSplit(data.SelectRuns(r => !isValidationRun(r)), data.SelectRuns(isValidationRun));
        return split.EnsureBothSides();
    }

    /// <summary>
    /// Split by a seeded random fraction of rows (the product: sampled coordinates of reference runs, where a
    /// held-out share of coordinates validates). Row order inside each side stays ascending.
    /// </summary>
    public static TrainValidationSplit ByRowFraction(FitData data, double validationFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (validationFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must lie strictly between 0 and 1");
        var order = new SeededRandom(seed).Permutation(data.Rows);
        var validationCount = (int)Math.Round(data.Rows * validationFraction);
        var validation = order[..validationCount];
        var train = order[validationCount..];
        Array.Sort(validation);
        Array.Sort(train);
        return new TrainValidationSplit(data.SelectRows(train), data.SelectRows(validation)).EnsureBothSides();
    }

    private TrainValidationSplit EnsureBothSides()
    {
        if (Train.Rows == 0 || Validation.Rows == 0)
            throw new ArgumentException($"the split left {Train.Rows} training and {Validation.Rows} validation rows; both must be non-empty");
        return this;
    }
}
