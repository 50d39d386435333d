namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>One forecast: a task, a target seed, a method and a horizon H.</summary>
public sealed record ForecastResult
{
    public required string Task { get; init; }
    public required int TargetSeed { get; init; }
    public required ForecastMethod Method { get; init; }
    public required int Horizon { get; init; }

    /// <summary>(a) Mean squared error of the forecast weights vs the actual w_H, and the two baselines' errors.</summary>
    public required double WeightMse { get; init; }
    public required double PersistenceMse { get; init; }
    public required double LinearMse { get; init; }

    /// <summary>
    /// The fitted map read as w_n + γ(w_n − w_0) + drift: Gain = γ = (coefficient of w_n) − 1 and ScaleDrift = a + b − 1
    /// (how much the map rescales the weights themselves). Only for one-map methods (global, self-fit).
    /// </summary>
    public double? Gain { get; init; }
    public double? ScaleDrift { get; init; }

    /// <summary>(b) Evaluation loss of the forecast weights, of w_n, and of the actual w_H.</summary>
    public required double Loss { get; init; }
    public required double ObservedLoss { get; init; }
    public required double ActualLoss { get; init; }

    /// <summary>First step of the real run whose loss is at most <see cref="Loss"/>; null when the run never gets there.</summary>
    public long? EffectiveStep { get; init; }

    /// <summary>
    /// (c) Total steps to the target loss when training on from the forecast: n (spent before the farcast) plus the
    /// continued steps; null when k continued steps do not get there. Null as well for persistence, which is the baseline.
    /// </summary>
    public long? StepsToTarget { get; init; }

    /// <summary>Loss after the k continued steps (null for persistence, whose continuation is the baseline).</summary>
    public double? FinalLoss { get; init; }

    /// <summary>The continuation's curve, steps counted from the start of the continuation.</summary>
    public IReadOnlyList<LossPoint>? ContinueCurve { get; init; }
}

/// <summary>Everything measured on one target seed of one task besides the forecasts.</summary>
public sealed record TargetRunResult
{
    public required string Task { get; init; }
    public required int TargetSeed { get; init; }
    public required int ObservedStep { get; init; }
    public required int ContinueSteps { get; init; }

    /// <summary>The target run's evaluation loss at every saved step up to 8n.</summary>
    public required IReadOnlyList<LossPoint> ActualCurve { get; init; }

    /// <summary>Training on from w_n for k steps (fresh optimizer state); its final loss is the target loss.</summary>
    public required IReadOnlyList<LossPoint> BaselineCurve { get; init; }

    public required double TargetLoss { get; init; }

    /// <summary>Total steps (n + continued) at which the w_n continuation first reaches the target loss.</summary>
    public required long BaselineStepsToTarget { get; init; }

    /// <summary>First step at which the uninterrupted run reaches the target loss (null: not within 8n).</summary>
    public long? PlainStepsToTarget { get; init; }
}

public sealed record TaskResult(TrainingBenchmarkTask Task, long Parameters, IReadOnlyList<TargetRunResult> Targets, IReadOnlyList<ForecastResult> Forecasts, double Seconds);
