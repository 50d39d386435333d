namespace WeightFarcast.Forecasting;

/// <summary>Which consecutive predicted horizons the step-length regularizer compares with the first step.</summary>
public enum RegularizedPairs
{
    /// <summary>Only the last two requested horizons (the paper).</summary>
    Last,

    /// <summary>Every consecutive pair of requested horizons; the per-pair penalties are averaged.</summary>
    AllMean,

    /// <summary>Every consecutive pair of requested horizons; the per-pair penalties are summed.</summary>
    AllSum,
}

/// <summary>How a group's step is measured over its coordinates.</summary>
public enum StepNorm
{
    /// <summary>Sum of absolute coordinate changes (the paper).</summary>
    L1,

    /// <summary>Euclidean length of the coordinate changes.</summary>
    L2,
}

/// <summary>
/// L_grad of method.md section 3: for each group of rows i (a run), first_i = ||w_1 - w_0|| / gap_first and
/// last_i = ||ŵ_b - ŵ_a|| / (b - a) over the chosen predicted pairs (a, b); L_grad = mean_i ReLU(last_i - first_i);
/// L_total = L_pred + Lambda * L_grad. With a single requested horizon there is no predicted pair and L_grad = 0.
/// </summary>
public sealed record StepRegularizer(double Lambda = StepRegularizer.PaperLambda, RegularizedPairs Pairs = RegularizedPairs.Last, StepNorm Norm = StepNorm.L1)
{
    public const double PaperLambda = 1e-6;

    public static StepRegularizer None { get; } = new(0.0);

    public bool IsActive => Lambda != 0.0;
}
