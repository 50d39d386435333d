using System.Globalization;
using System.Text;
using WeightFarcast.Job.Reporting;

namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>docs/benchmarks/training.md: setup, the issue's targets checked, then per task the three measurements and plots.</summary>
public static class TrainingBenchmarkMarkdown
{
    private static readonly ForecastMethod[] Learned = [ForecastMethod.Global, ForecastMethod.PerTensor, ForecastMethod.Self];

    public static string Render(IReadOnlyList<TaskResult> results, IReadOnlyList<int> seeds, string command, string? notes = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var summaries = results.ToDictionary(r => r.Task.Key, r => TrainingBenchmarkSummary.Summarize(r));
        var md = new StringBuilder();
        md.Append("# Does it save training? Farcasting real training runs\n\n");
        md.Append("Produced by `").Append(command).Append(CultureInfo.InvariantCulture,
            $"` ({results.Sum(r => r.Seconds) / 60:0.0} min on {Environment.ProcessorCount} cores). Every number below was measured in that run; nothing is copied from elsewhere.\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Seeds {string.Join(", ", seeds)}: each is the target once and the other {seeds.Count - 1} are its reference runs, so every forecast is out-of-run; ");
        md.Append("values are the mean over the targets, ± the sample standard deviation across them.\n\n");
        AppendSetup(md, results);
        AppendTargets(md, results, summaries);
        if (!string.IsNullOrWhiteSpace(notes))
            md.Append("## Findings\n\n").Append(notes.Trim()).Append("\n\n");
        foreach (var result in results)
            AppendTask(md, result, summaries[result.Task.Key]);
        return md.ToString();
    }

    private static void AppendSetup(StringBuilder md, IReadOnlyList<TaskResult> results)
    {
        md.Append("## Setup\n\n| task | parameters | optimizer | n | horizons H | checkpoints every | k (continued steps) | seconds |\n|---|---:|---|---:|---|---:|---:|---:|\n");
        foreach (var r in results)
        {
            var t = r.Task;
            md.Append(CultureInfo.InvariantCulture,
                $"| {t.Title} | {r.Parameters:N0} | {t.OptimizerLabel} | {t.ObservedStep} | {string.Join(", ", t.Horizons)} | {t.SaveEvery} | {t.ContinueSteps} | {r.Seconds:0} |\n");
        }
        md.Append("""

            Each forecast starts from the target's w_0 and w_n only. Methods: **global map** (the paper's LFD-2, one affine map
            for all weights, fitted on the reference runs by the farcast job with its default settings); **per-tensor map**
            (`forecaster.groups: tensor`); **self-fit** (`forecaster.source: self`: no reference runs; for each H the map is
            fitted on the target's own earlier history, (w_0, w_m) -> w_n with m = n·n/H, i.e. the same time ratio, and applied
            to (w_0, w_n)); **persistence** (w_H = w_n); **linear extrapolation** (w_H = w_n + (w_n - w_0)(H - n)/n).

            - (a) weight error: MSE of the forecast vs the actual w_H, from the job's own backtest.
            - (b) loss: evaluation loss of the forecast weights (held-out split); the **effective step** is the first saved step
              of the real run with a loss at most that; speedup = effective step / n. "≥ 8n" means the real run never got
              there within 8n steps.
            - (c) farcast-then-continue: from w_n and from each forecast, train k more steps with fresh optimizer state and
              the same schedule and batches (those of steps n+1..n+k: the steps actually spent), so only the starting weights
              differ. The **target loss** is the loss the w_n continuation reaches after k steps. Steps to target = n (spent before farcasting) + continued steps until a
              checkpoint reaches the target loss; speedup = the w_n continuation's steps / the farcast's. "vs plain run":
              against the uninterrupted run (optimizer state kept), which needs no restart. Resolution is the checkpoint grid
              (every n/8 steps), never interpolated; "≤" marks means that include continuations that did not reach the target
              within k steps (counted as n + k).


            """);
    }

    private static void AppendTargets(StringBuilder md, IReadOnlyList<TaskResult> results, Dictionary<string, IReadOnlyList<MethodHorizonSummary>> summaries)
    {
        md.Append("## Against the issue's targets\n\n");
        md.Append("| method | weight error below persistence and linear extrap. at every H (tasks) | loss below w_n's at H = 2n (tasks) | mean speedup (c) vs w_n continuation at 2n / 4n / 8n | vs plain run at 2n / 4n / 8n |\n|---|---|---|---|---|\n");
        foreach (var method in Learned.Append(ForecastMethod.LinearExtrapolation))
        {
            var cells = summaries.Values.SelectMany(s => s).Where(c => c.Method == method).ToList();
            if (cells.Count == 0)
                continue;
            var beatsWeights = results.Where(r => cells.Where(c => c.Task == r.Task.Key).All(c => c.RatioToPersistence < 1 && c.RatioToLinear < 1)).Select(r => r.Task.Key).ToList();
            var belowLoss = results.Where(r => cells.Single(c => c.Task == r.Task.Key && c.Horizon == 2 * r.Task.ObservedStep) is var c && c.Loss < c.ObservedLoss).Select(r => r.Task.Key).ToList();
            string Speedups(Func<MethodHorizonSummary, Estimate?> pick) => string.Join(" / ", new[] { 2, 4, 8 }.Select(factor =>
                Estimate.Mean(results.Select(r => pick(cells.Single(c => c.Task == r.Task.Key && c.Horizon == factor * r.Task.ObservedStep))!.Value).ToList()).Format("0.00") + "x"));
            md.Append(CultureInfo.InvariantCulture, $"| {ForecastMethods.Label(method)} | {(method == ForecastMethod.LinearExtrapolation ? "-" : $"{beatsWeights.Count}/{results.Count} {List(beatsWeights)}")} | ");
            md.Append(CultureInfo.InvariantCulture, $"{belowLoss.Count}/{results.Count} {List(belowLoss)} | {Speedups(c => c.SpeedupVsContinuation)} | {Speedups(c => c.SpeedupVsPlainRun)} |\n");
        }
        md.Append("\nTargets: weight error below both baselines on every task; loss below w_n's at 2n on at least 3 of 4 tasks; ");
        md.Append("farcast-then-continue in fewer total steps on average (speedup > 1x); moonshot: 1.5x or more.\n\n");
    }

    private static string List(IReadOnlyList<string> keys) => keys.Count == 0 ? "" : $"({string.Join(", ", keys)})";

    private static void AppendTask(StringBuilder md, TaskResult result, IReadOnlyList<MethodHorizonSummary> cells)
    {
        var t = result.Task;
        var n = ReportWriter.Number;
        md.Append("## ").Append(t.Title).Append("\n\n");
        md.Append("### (a) weight error and (b) loss of the forecast weights\n\n");
        md.Append("| H | method | weight MSE | / persistence | / linear extrap. | loss | seeds below w_n loss | w_n loss | actual loss at H | effective step | speedup (eff. step / n) |\n");
        md.Append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var c in cells)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {c.Horizon} | {ForecastMethods.Label(c.Method)} | {n(c.WeightMse)} ± {n(c.WeightMseSd)} | {c.RatioToPersistence:0.000} | {c.RatioToLinear:0.000} | ");
            md.Append(CultureInfo.InvariantCulture, $"{c.Loss:0.0000} ± {c.LossSd:0.0000} | {c.BelowObservedLoss}/{c.Seeds} | {c.ObservedLoss:0.0000} | {c.ActualLoss:0.0000} | {c.EffectiveStep.Format("0")} ± {c.EffectiveStepSd:0} | {c.EffectiveSpeedup.Format("0.00")}x |\n");
        }
        md.Append("\nFitted maps, read as w_n + γ·(w_n − w_0) + drift·w_0 + b (mean over the targets; one-map methods):\n\n");
        md.Append("| H | method | γ (coefficient of w_n − 1) | drift (a + b − 1) | γ of linear extrapolation |\n|---:|---|---:|---:|---:|\n");
        foreach (var c in cells.Where(c => c.Gain is not null))
            md.Append(CultureInfo.InvariantCulture, $"| {c.Horizon} | {ForecastMethods.Label(c.Method)} | {c.Gain:0.000} | {c.ScaleDrift:0.0000} | {(double)(c.Horizon - t.ObservedStep) / t.ObservedStep:0} |\n");
        var targets = result.Targets;
        md.Append("\n### (c) farcast-then-continue\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Target loss (w_n + {t.ContinueSteps} steps): {targets.Average(x => x.TargetLoss):0.0000} ± {TrainingBenchmarkSummary.Sd(targets.Select(x => x.TargetLoss)):0.0000}; ");
        md.Append(CultureInfo.InvariantCulture, $"the w_n continuation gets there in {targets.Average(x => (double)x.BaselineStepsToTarget):0} total steps on average, ");
        var plain = targets.Where(x => x.PlainStepsToTarget is not null).ToList();
        md.Append(plain.Count == 0 ? "the uninterrupted run never within 8n.\n\n"
            : string.Create(CultureInfo.InvariantCulture, $"the uninterrupted run in {plain.Average(x => (double)x.PlainStepsToTarget!.Value):0} ({plain.Count}/{targets.Count} seeds within 8n).\n\n"));
        md.Append("| H | method | reached target | total steps to target | speedup vs w_n continuation | vs plain run | loss after k steps |\n|---:|---|---:|---:|---:|---:|---:|\n");
        foreach (var c in cells.Where(c => c.Reached is not null))
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {c.Horizon} | {ForecastMethods.Label(c.Method)} | {c.Reached}/{c.Seeds} | {c.StepsToTarget!.Value.Format("0")} ± {c.StepsToTargetSd:0} | {c.SpeedupVsContinuation!.Value.Format("0.00")}x | {c.SpeedupVsPlainRun!.Value.Format("0.00")}x | {c.FinalLoss:0.0000} |\n");
        }
        md.Append('\n');
        foreach (var plot in TrainingBenchmarkPlots.FileNames(t))
            md.Append("![").Append(t.Key).Append("](").Append(plot).Append(")\n");
        md.Append('\n');
    }
}
