namespace WeightFarcast.Forecasting;

/// <summary>
/// One finished epoch. <see cref="TrainLoss"/> is the row-weighted mean L1 (L_pred) over the epoch's batches,
/// <see cref="TrainRegularizer"/> the batch-weighted mean L_grad (0 when inactive), <see cref="ValidationLoss"/>
/// the L1 on the validation rows after the epoch. <see cref="Group"/> names the map when several are fitted.
/// </summary>
public readonly record struct EpochProgress(
    string? Group,
    int Epoch,
    double TrainLoss,
    double TrainRegularizer,
    double ValidationLoss,
    double BestValidationLoss,
    bool Improved);
