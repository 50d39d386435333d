namespace WeightFarcast.Forecasting;

/// <summary>The fitted map plus the per-epoch record of how it was reached.</summary>
public sealed record FitResult(
    FittedForecaster Forecaster,
    IReadOnlyList<EpochProgress> History,
    bool StoppedEarly,
    TimeSpan Elapsed);
