namespace WeightFarcast.Forecasting;

/// <summary>What one mini-batch is made of.</summary>
public enum BatchUnit
{
    /// <summary><see cref="FitOptions.BatchSize"/> whole runs with all their rows (the paper: 32 runs).</summary>
    Runs,

    /// <summary>
    /// <see cref="FitOptions.BatchSize"/> rows drawn from a shuffle of all rows (the product: sampled coordinates);
    /// the rows of one run inside a batch form that run's group for the regularizer.
    /// </summary>
    Rows,
}

/// <summary>Where the map's coefficients start before Adam moves them.</summary>
public enum MapInit
{
    /// <summary>nn.Linear's default, U(-1/sqrt(k), 1/sqrt(k)) for weights and bias: the paper's 1-layer network.</summary>
    Uniform,

    /// <summary>
    /// The persistence map (w_H = w_n: coefficient 1 on the observed step, 0 elsewhere, bias 0). An early-stopped fit is
    /// then "persistence plus what the data taught", never a half-converged random map that rescales every weight.
    /// </summary>
    Persistence,
}

/// <summary>Fitting settings; the defaults are the paper's (method.md section 5).</summary>
public sealed record FitOptions
{
    /// <summary>Adam learning rate (other Adam settings are PyTorch's defaults).</summary>
    public double LearningRate { get; init; } = 0.004;

    public int MaxEpochs { get; init; } = 10_000;

    /// <summary>Stop after this many epochs in a row without a strictly lower validation L1.</summary>
    public int Patience { get; init; } = 5;

    public BatchUnit BatchUnit { get; init; } = BatchUnit.Runs;

    public MapInit Init { get; init; } = MapInit.Uniform;

    public int BatchSize { get; init; } = 32;

    /// <summary>Seeds the initial weights and the shuffles; same data + seed gives bit-identical coefficients on CPU.</summary>
    public ulong Seed { get; init; }

    public StepRegularizer Regularizer { get; init; } = new();

    /// <summary>auto | cpu | cuda | cuda:N.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>
    /// When set, torch's intra-op thread count is set to this before fitting. It is PROCESS-WIDE torch state. One
    /// thread was 3× faster than torch's default on a loaded 2-core machine (small ops; OpenMP workers spin while
    /// competing for cores) and gives the same coefficients. Null leaves torch's setting alone.
    /// </summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>Rows per chunk when scoring the validation set (bounds memory, not the result).</summary>
    public int EvaluationChunkRows { get; init; } = 1 << 18;

    public void Validate()
    {
        if (!(LearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be positive");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEpochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Patience);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EvaluationChunkRows);
        if (IntraOpThreads is { } threads)
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads, nameof(IntraOpThreads));
        ArgumentNullException.ThrowIfNull(Regularizer);
        if (Regularizer.Lambda < 0 || double.IsNaN(Regularizer.Lambda))
            throw new ArgumentOutOfRangeException(nameof(Regularizer), Regularizer.Lambda, "lambda must be >= 0");
    }
}
