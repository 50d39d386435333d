namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>One (task, method, horizon) cell, aggregated over the target seeds.</summary>
public sealed record MethodHorizonSummary
{
    public required string Task { get; init; }
    public required ForecastMethod Method { get; init; }
    public required int Horizon { get; init; }
    public required int Seeds { get; init; }
    public required double WeightMse { get; init; }
    public required double WeightMseSd { get; init; }

    /// <summary>Mean over seeds of forecast MSE / baseline MSE (each ratio measured on the same target).</summary>
    public required double RatioToPersistence { get; init; }
    public required double RatioToLinear { get; init; }
    public required double Loss { get; init; }
    public required double LossSd { get; init; }
    public required double ObservedLoss { get; init; }
    public required double ActualLoss { get; init; }

    /// <summary>Seeds whose forecast loss is below their own w_n's loss.</summary>
    public required int BelowObservedLoss { get; init; }
    public required Estimate EffectiveStep { get; init; }

    /// <summary>Spread of the effective step over seeds (censored values enter at their bound).</summary>
    public required double EffectiveStepSd { get; init; }

    /// <summary>Effective step / n, the paper-style "how far ahead did the farcast jump" in training-step units.</summary>
    public required Estimate EffectiveSpeedup { get; init; }

    /// <summary>Continuations (of this many seeds) that reached the target loss within k steps; null for persistence.</summary>
    public int? Reached { get; init; }
    public Estimate? StepsToTarget { get; init; }

    /// <summary>Spread of the steps to target over seeds (continuations that missed enter at n + k).</summary>
    public double? StepsToTargetSd { get; init; }

    /// <summary>Mean over seeds of the map's gain γ and scale drift (one-map methods only).</summary>
    public double? Gain { get; init; }
    public double? ScaleDrift { get; init; }

    /// <summary>Mean loss after the k continued steps: uncensored, so it still ranks methods when none reaches the target.</summary>
    public double? FinalLoss { get; init; }

    /// <summary>Steps of the w_n continuation / steps via the farcast, per seed then averaged.</summary>
    public Estimate? SpeedupVsContinuation { get; init; }

    /// <summary>Steps the uninterrupted run needs for the same loss / steps via the farcast.</summary>
    public Estimate? SpeedupVsPlainRun { get; init; }
}

/// <summary>Aggregates the per-seed measurements; all the report's numbers come from here.</summary>
public static class TrainingBenchmarkSummary
{
    public static IReadOnlyList<MethodHorizonSummary> Summarize(TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var task = result.Task;
        var n = task.ObservedStep;
        var targets = result.Targets.ToDictionary(t => t.TargetSeed);
        var cells = new List<MethodHorizonSummary>();
        foreach (var cell in result.Forecasts.GroupBy(f => (f.Method, f.Horizon)).OrderBy(g => g.Key.Horizon).ThenBy(g => g.Key.Method))
        {
            var rows = cell.ToList();
            // Never reached: later than 8n. Reached at step 0 with a loss above w_0's: worse than the start, "≤ 0".
            var effective = rows.Select(r => r.EffectiveStep switch
            {
                null => Estimate.AtLeast(task.TrajectorySteps),
                0 when r.Loss > targets[r.TargetSeed].ActualCurve[0].Loss => Estimate.AtMost(0),
                { } s => new Estimate(s),
            }).ToList();
            var continued = cell.Key.Method != ForecastMethod.Persistence;
            var steps = rows.Select(r => r.StepsToTarget is { } s ? new Estimate(s) : Estimate.AtLeast(n + task.ContinueSteps)).ToList();
            var plain = rows.Select(r => targets[r.TargetSeed].PlainStepsToTarget is { } p ? new Estimate(p) : Estimate.AtLeast(task.TrajectorySteps)).ToList();
            cells.Add(new MethodHorizonSummary
            {
                Task = task.Key,
                Method = cell.Key.Method,
                Horizon = cell.Key.Horizon,
                Seeds = rows.Count,
                WeightMse = rows.Average(r => r.WeightMse),
                WeightMseSd = Sd(rows.Select(r => r.WeightMse)),
                RatioToPersistence = rows.Average(r => r.WeightMse / r.PersistenceMse),
                RatioToLinear = rows.Average(r => r.WeightMse / r.LinearMse),
                Loss = rows.Average(r => r.Loss),
                LossSd = Sd(rows.Select(r => r.Loss)),
                ObservedLoss = rows.Average(r => r.ObservedLoss),
                ActualLoss = rows.Average(r => r.ActualLoss),
                BelowObservedLoss = rows.Count(r => r.Loss < r.ObservedLoss),
                EffectiveStep = Estimate.Mean(effective),
                EffectiveStepSd = Sd(effective.Select(e => e.Value)),
                EffectiveSpeedup = Estimate.Mean(effective.Select(e => e with { Value = e.Value / n }).ToList()),
                Reached = continued ? rows.Count(r => r.StepsToTarget is not null) : null,
                StepsToTarget = continued ? Estimate.Mean(steps) : null,
                StepsToTargetSd = continued ? Sd(steps.Select(e => e.Value)) : null,
                FinalLoss = continued ? rows.Average(r => r.FinalLoss!.Value) : null,
                Gain = rows.All(r => r.Gain is not null) ? rows.Average(r => r.Gain!.Value) : null,
                ScaleDrift = rows.All(r => r.ScaleDrift is not null) ? rows.Average(r => r.ScaleDrift!.Value) : null,
                SpeedupVsContinuation = continued
                    ? Estimate.Mean(rows.Select((r, i) => Estimate.Ratio(new Estimate(targets[r.TargetSeed].BaselineStepsToTarget), steps[i])).ToList())
                    : null,
                SpeedupVsPlainRun = continued ? Estimate.Mean(rows.Select((_, i) => Estimate.Ratio(plain[i], steps[i])).ToList()) : null,
            });
        }
        return cells;
    }

    /// <summary>Sample standard deviation (0 for a single value).</summary>
    public static double Sd(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count < 2)
            return 0;
        var mean = list.Average();
        return Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
    }
}
