using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>Renders a <see cref="PaperBenchmarkResult"/> as Markdown (with the checks against method.md section 7) and JSON.</summary>
public static class PaperBenchmarkReport
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string ToJson(PaperBenchmarkResult result) => JsonSerializer.Serialize(result, JsonOptions);

    public static string ToMarkdown(PaperBenchmarkResult result, string? notes = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.AppendLine("# Paper synthetic benchmark (Shou et al., DASFAA 2025, synthetic protocol)");
        md.AppendLine();
        if (result.Command is { } command)
            md.AppendLine(Inv($"Produced by: `{command}`  "));
        md.AppendLine(Inv($"Samples: {result.Samples} (generator seed = sample index). Wall time: {result.ElapsedSeconds:F0} s on {Environment.ProcessorCount} cores (shared machine)."));
        md.AppendLine();
        md.AppendLine("Protocol (method.md sections 5-6): 200 runs × 201 snapshots per dataset; runs 0-99 train, 100-149 validate (early stopping, patience 5, best epoch restored), 150-199 test; n = 20; targets w_21..w_200; one affine layer, L1 loss + lambda·L_grad (last predicted pair, L1 norm), Adam, batch 32 runs, fit seed = sample − 1, CPU. Cells are test MSE mean (std) over samples; `fit s` is the mean fit time, `epochs` the mean epochs run.");
        md.AppendLine();
        AppendTargets(md, result);
        AppendOrdering(md, result);
        foreach (var dataset in result.Datasets)
        {
            md.AppendLine(Inv($"## {dataset.Dataset} (lr {dataset.LearningRate}, lambda {dataset.Lambda:G3})"));
            md.AppendLine();
            AppendScoreTable(md, result.ReportedSteps, dataset.Methods, s => s.Method);
        }
        md.AppendLine("## Regularizer ablation (LFD-2, same seed, lambda varied)");
        md.AppendLine();
        foreach (var dataset in result.Datasets.Where(d => d.RegularizerAblation.Count > 1))
        {
            md.AppendLine(Inv($"### {dataset.Dataset}"));
            md.AppendLine();
            AppendScoreTable(md, result.ReportedSteps, dataset.RegularizerAblation, s => Inv($"lambda = {s.Lambda:G3}"));
        }
        if (!string.IsNullOrWhiteSpace(notes))
        {
            md.AppendLine("## Findings");
            md.AppendLine();
            md.AppendLine(notes.Trim());
        }
        return md.ToString();
    }

    private static void AppendTargets(StringBuilder md, PaperBenchmarkResult result)
    {
        md.AppendLine("## Against the reproduction targets (method.md section 7)");
        md.AppendLine();
        md.AppendLine("Ratio = ours / target (mean over samples). Absolute targets (±50 %) apply to persistence and LFD-2 on the LS-3d sets; other rows are context.");
        md.AppendLine();
        md.AppendLine("| dataset | method | " + string.Join(" | ", PaperTargets.Steps.Select(t => Inv($"t={t} ours / target (ratio)"))) + " | within ±50 % |");
        md.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---|", PaperTargets.Steps.Count + 1)));
        foreach (var (datasetLabel, methods) in PaperTargets.Values)
        {
            var dataset = result.Datasets.FirstOrDefault(d => d.Dataset == datasetLabel);
            if (dataset is null)
                continue;
            foreach (var (methodLabel, targets) in methods)
            {
                var score = dataset.Methods.FirstOrDefault(m => m.Method == methodLabel);
                if (score is null)
                    continue;
                var ratios = PaperTargets.Steps.Select((t, i) => MeanAt(result, score, t) / targets[i]).ToArray();
                var cells = PaperTargets.Steps.Select((t, i) => Inv($"{Sci(MeanAt(result, score, t))} / {Sci(targets[i])} ({ratios[i]:F2})"));
                var judged = PaperTargets.AbsoluteTargetDatasets.Contains(datasetLabel) && PaperTargets.AbsoluteTargetMethods.Contains(methodLabel);
                var verdict = !judged ? "n/a" : ratios.All(r => r is >= 0.5 and <= 1.5) ? "yes" : Inv($"no ({ratios.Count(r => r is < 0.5 or > 1.5)} of {ratios.Length} off)");
                md.AppendLine(Inv($"| {datasetLabel} | {methodLabel} | {string.Join(" | ", cells)} | {verdict} |"));
            }
        }
        md.AppendLine();
    }

    private static void AppendOrdering(StringBuilder md, PaperBenchmarkResult result)
    {
        md.AppendLine("## Ordering (the paper's claim)");
        md.AppendLine();
        md.AppendLine("| dataset | min over t of persistence / LFD-2 | LFD-2 below persistence at every t | LFD-2 below LFL at every t | LFD-2 below linear extrapolation at every t |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var dataset in result.Datasets)
        {
            var lfd2 = dataset.Methods.Single(m => m.Method == PaperMethod.Lfd2.Label);
            var persistence = dataset.Methods.Single(m => m.Method == PaperMethod.Persistence.Label);
            var lfl = dataset.Methods.Single(m => m.Scheme() == InputScheme.Lfl);
            var linear = dataset.Methods.Single(m => m.Method == PaperMethod.LinearExtrapolation.Label);
            var minRatio = persistence.MeanMse.Zip(lfd2.MeanMse, (p, l) => p / l).Min();
            md.AppendLine(Inv($"| {dataset.Dataset} | {minRatio:F1}× | {YesNo(Below(lfd2, persistence))} | {YesNo(Below(lfd2, lfl))} | {YesNo(Below(lfd2, linear))} |"));
        }
        md.AppendLine();
    }

    private static void AppendScoreTable(StringBuilder md, IReadOnlyList<int> steps, IReadOnlyList<MethodScore> scores, Func<MethodScore, string> rowLabel)
    {
        md.AppendLine("| method | " + string.Join(" | ", steps.Select(t => Inv($"t={t}"))) + " | fit s | epochs |");
        md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", steps.Count + 2)));
        foreach (var score in scores)
        {
            var cells = score.MeanMse.Select((m, i) => Inv($"{Sci(m)} ({Sci(score.StdMse[i])})"));
            md.AppendLine(Inv($"| {rowLabel(score)} | {string.Join(" | ", cells)} | {score.MeanFitSeconds:F2} | {score.MeanEpochs:F0} |"));
        }
        md.AppendLine();
    }

    private static double MeanAt(PaperBenchmarkResult result, MethodScore score, int step) =>
        score.MeanMse[result.ReportedSteps.ToList().IndexOf(step)];

    private static bool Below(MethodScore a, MethodScore b) => a.MeanMse.Zip(b.MeanMse, (x, y) => x < y).All(v => v);

    private static InputScheme? Scheme(this MethodScore score) => PaperMethod.All.Single(m => m.Label == score.Method).Scheme;

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Sci(double value) => value.ToString("0.00e+0", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
