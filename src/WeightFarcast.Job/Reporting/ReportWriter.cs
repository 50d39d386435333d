using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using WeightFarcast.Job.Evaluation;
using WeightFarcast.Job.Output;

namespace WeightFarcast.Job.Reporting;

/// <summary>Writes report.json and report.md atomically; the Markdown table is also the CI step summary.</summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static (string JsonPath, string MarkdownPath) Write(FarcastReport report, string directory)
    {
        var jsonPath = Path.Combine(directory, "report.json");
        var markdownPath = Path.Combine(directory, "report.md");
        AtomicFile.WriteAllText(jsonPath, JsonSerializer.Serialize(report, Json) + "\n");
        AtomicFile.WriteAllText(markdownPath, Markdown(report));
        return (jsonPath, markdownPath);
    }

    public static string Markdown(FarcastReport report)
    {
        var md = new StringBuilder();
        md.Append("## WeightFarcast: ").Append(Path.GetFileName(Path.GetDirectoryName(report.Target.Checkpoints)) ?? "target")
          .Append(" from steps ").Append(report.Target.InitialStep).Append(" and ").Append(report.Target.ObservedStep)
          .Append(report.Shard is { } shard ? $", shard {shard} (partial: its tensors only; `weightfarcast merge` gives the full report)" : "").Append("\n\n");
        md.Append(HorizonTable(report)).Append('\n');
        var fit = report.Fit;
        var fittedOn = fit.SelfFits is { } self
            ? $"the target's own trajectory (forecaster.source: self; {string.Join(", ", self.Select(f => $"step {f.Horizon} from w_{f.RescaledStep}"))}), {fit.Rows:N0} rows"
            : $"{fit.Rows:N0} sampled coordinates";
        md.Append(fit.LoadedFrom is null
            ? $"Forecaster: {fit.Inputs}, {fit.Groups} map, fitted on {fittedOn} in {fit.Seconds:0.0} s " +
              $"({fit.Epochs} epochs, best {fit.BestEpoch}, validation L1 {Number(fit.BestValidationLoss)}, lambda {Number(fit.Lambda)}{(fit.RegularizerActive ? "" : ", regularizer off")}).\n"
            : $"Forecaster: {fit.Inputs}, loaded from `{fit.LoadedFrom}`.\n");
        foreach (var group in fit.Coefficients.Take(1))
        {
            md.Append("\n| horizon | ").Append(string.Join(" | ", group.InputSteps.Select(s => $"coef w_{s}"))).Append(" | bias |\n|---|")
              .Append(string.Concat(group.InputSteps.Select(_ => "---|"))).Append("---|\n");
            for (var h = 0; h < group.HorizonSteps.Count; h++)
                md.Append("| ").Append(group.HorizonSteps[h]).Append(" | ").Append(string.Join(" | ", group.A.Select(a => Number(a[h])))).Append(" | ").Append(Number(group.B[h])).Append(" |\n");
        }
        var t = report.Timings;
        md.Append(CultureInfo.InvariantCulture, $"\nTimings: total {t.TotalSeconds:0.0} s (fit {t.FitSeconds:0.0} s, apply {t.ApplySeconds:0.0} s at {t.ApplyGigabytesPerSecond:0.00} GB/s), peak memory {t.PeakMemoryMib:0} MiB.\n");
        if (report.Tracking is { } tracking)
            md.Append("\nTracking: ").Append(tracking.Status).Append(tracking.Location is null ? "" : $" at {tracking.Location}").Append(tracking.Warning is null ? "" : $" (warning: {tracking.Warning})").Append('\n');
        return md.ToString();
    }

    public static string HorizonTable(FarcastReport report)
    {
        var withLoss = report.Horizons.Any(h => h.Loss is not null);
        var withAcceptance = report.Horizons.Any(h => h.Acceptance is not null);
        var md = new StringBuilder("| step | forecast MSE | persistence MSE | linear extrap. MSE | rel. L2 | cosine | beats baselines |");
        if (withLoss)
            md.Append(" loss: forecast | loss: w_n | loss: actual |");
        if (withAcceptance)
            md.Append(" acceptance |");
        md.Append("\n|---:|---:|---:|---:|---:|---:|:---:|").Append(withLoss ? "---:|---:|---:|" : "").Append(withAcceptance ? "---|" : "").Append('\n');
        foreach (var h in report.Horizons)
        {
            md.Append("| ").Append(h.Step).Append(" | ");
            if (h.Forecast is { } f && h.Baselines is { } b)
                md.Append($"{Number(f.Mse)} | {Number(b.Persistence.Mse)} | {Number(b.LinearExtrapolation.Mse)} | {Number(f.RelL2)} | {f.Cosine.ToString("0.0000", CultureInfo.InvariantCulture)} | {(h.BeatsBaselines ? "yes" : "**no**")} |");
            else
                md.Append("- | - | - | - | - | no actual checkpoint |");
            if (withLoss)
                md.Append(h.Loss is { } l ? $" {Number(l.Forecast)} | {Number(l.Observed)} | {(l.Actual is { } a ? Number(a) : "-")} |" : " - | - | - |");
            if (withAcceptance)
                md.Append(h.Acceptance is { } v ? (v.Accepted ? $" accepted (loss {Number(v.Loss!.Value)} <= {Number(v.ObservedLoss!.Value)}) |" : $" **rejected**: {v.Reason} |") : " - |");
            md.Append('\n');
        }
        return md.ToString();
    }

    public static string Number(double value) =>
        double.IsFinite(value) && value != 0 && (Math.Abs(value) < 1e-3 || Math.Abs(value) >= 1e5)
            ? value.ToString("0.00e+00", CultureInfo.InvariantCulture)
            : value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Metrics(ErrorMetrics m) => $"mse {Number(m.Mse)}, mae {Number(m.Mae)}, rel_l2 {Number(m.RelL2)}, cosine {m.Cosine:0.0000}";
}
