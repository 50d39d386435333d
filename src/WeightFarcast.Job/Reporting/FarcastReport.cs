using WeightFarcast.Job.Evaluation;

namespace WeightFarcast.Job.Reporting;

// report.json: what a farcast run produced and how good it was. Serialized snake_case (see ReportWriter).

public sealed record FarcastReport
{
    public required string ToolVersion { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? ConfigFile { get; init; }
    /// <summary>Set on the partial report of a `run --shard i/N` part ("i/N"): its horizons cover that shard's tensors only.</summary>
    public string? Shard { get; init; }
    public required TargetSection Target { get; init; }
    public required IReadOnlyList<string> References { get; init; }
    public required FitSection Fit { get; init; }
    public required IReadOnlyList<HorizonSection> Horizons { get; init; }
    public required TimingSection Timings { get; init; }
    public TrackingSection? Tracking { get; set; }
}

public sealed record TargetSection(string Checkpoints, string Format, int InitialStep, int ObservedStep, IReadOnlyList<int> InputSteps,
    int Tensors, int ForecastTensors, long ForecastParameters, int CarriedTensors);

public sealed record FitSection
{
    public required string Inputs { get; init; }
    public required string Groups { get; init; }
    /// <summary>forecaster.source of a fitted map (references | self); null when it was loaded.</summary>
    public string? Source { get; init; }
    /// <summary>Source self: the target step each horizon's map was fitted from ((w_s0, w_m) -> w_n).</summary>
    public IReadOnlyList<Planning.SelfSimilarFit>? SelfFits { get; init; }
    public string? LoadedFrom { get; init; }
    public long Rows { get; init; }
    public int Epochs { get; init; }
    public int BestEpoch { get; init; }
    public double BestTrainLoss { get; init; }
    public double BestValidationLoss { get; init; }
    public double Lambda { get; init; }
    public bool RegularizerActive { get; init; }
    public double Seconds { get; init; }
    public required IReadOnlyList<GroupCoefficients> Coefficients { get; init; }
}

/// <summary>One map's coefficients: w_hat_h = sum_j a[j][h] * w_{input_steps[j]} + b[h].</summary>
public sealed record GroupCoefficients(string Group, IReadOnlyList<int> InputSteps, IReadOnlyList<int> HorizonSteps, float[][] A, float[] B);

public sealed record HorizonSection
{
    public required int Step { get; init; }
    public required string Output { get; init; }
    public required bool ActualAvailable { get; init; }
    public ErrorMetrics? Forecast { get; init; }
    public BaselineSection? Baselines { get; init; }
    public IReadOnlyList<TensorErrors>? Tensors { get; init; }
    /// <summary>Set by the demo: evaluation loss of the forecast weights and of the actual weights at this step.</summary>
    public LossSection? Loss { get; set; }
    /// <summary>Set when acceptance.command is configured: the command's verdict on this forecast.</summary>
    public AcceptanceSection? Acceptance { get; set; }

    /// <summary>Published as the stage's output: accepted, or not subject to acceptance.</summary>
    public bool Published => Acceptance is null || Acceptance.Accepted;

    public bool BeatsBaselines => Forecast is not null && Baselines is not null
        && Forecast.Mse < Baselines.Persistence.Mse && Forecast.Mse < Baselines.LinearExtrapolation.Mse;
}

public sealed record BaselineSection(ErrorMetrics Persistence, ErrorMetrics LinearExtrapolation);

public sealed record TensorErrors(string Name, long Elements, ErrorMetrics Forecast, ErrorMetrics Persistence, ErrorMetrics LinearExtrapolation);

public sealed record LossSection(double Forecast, double Observed, double? Actual);

/// <summary>The acceptance command's losses for this forecast and for w_n, the verdict, and why it was rejected.</summary>
public sealed record AcceptanceSection(double? Loss, double? ObservedLoss, bool Accepted, string? Reason);

public sealed record TimingSection
{
    public double PlanSeconds { get; init; }
    public double SampleSeconds { get; init; }
    public double FitSeconds { get; init; }
    public double ApplySeconds { get; init; }
    public double TotalSeconds { get; init; }
    public long BytesRead { get; init; }
    public long BytesWritten { get; init; }
    public double ApplyGigabytesPerSecond { get; init; }
    public double PeakMemoryMib { get; init; }

    /// <summary>Timings of a run that has just applied: GB/s from the apply's bytes and time, peak memory of this process.</summary>
    public static TimingSection AfterApply(double planSeconds, double sampleSeconds, double fitSeconds, Applying.ApplyResult applied, double totalSeconds) => new()
    {
        PlanSeconds = planSeconds,
        SampleSeconds = sampleSeconds,
        FitSeconds = fitSeconds,
        ApplySeconds = applied.Elapsed.TotalSeconds,
        TotalSeconds = totalSeconds,
        BytesRead = applied.BytesRead,
        BytesWritten = applied.BytesWritten,
        ApplyGigabytesPerSecond = (applied.BytesRead + applied.BytesWritten) / 1e9 / Math.Max(1e-9, applied.Elapsed.TotalSeconds),
        PeakMemoryMib = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
    };
}

public sealed record TrackingSection(string Uri, string? RunId, string? ExperimentId, string? Location, string Status, string? Warning);
