using System.Globalization;
using System.Text;
using System.Text.Json;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Output;
using WeightFarcast.Job.Reporting;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>One (target seed, groups mode) result of the groups benchmark.</summary>
public sealed record GroupsRow(int TargetSeed, string Groups, int Step, double ForecastMse, double PersistenceMse, double LinearMse, double FitSeconds);

/// <summary>
/// Global map (the paper) vs one map per tensor, on a folder of seed-&lt;s&gt;/step-{step}.safetensors runs: each seed in
/// turn is the target and the others are its reference runs, so every number is a real out-of-run forecast.
/// </summary>
public static class GroupsBenchmark
{
    public const string MarkdownFileName = "groups-digits.md";

    public static IReadOnlyList<GroupsRow> Run(string runsFolder, int initialStep, int observedStep, IReadOnlyList<long> horizons, string outputFolder, string command,
        IJobObserver observer, CancellationToken cancellationToken)
    {
        var seeds = Directory.GetDirectories(runsFolder, "seed-*")
            .Select(d => int.Parse(Path.GetFileName(d)["seed-".Length..], CultureInfo.InvariantCulture)).Order().ToList();
        if (seeds.Count < 2)
            throw new Planning.JobInputException($"{runsFolder} needs at least two seed-<s>/ runs", runsFolder);
        string Pattern(int seed) => Path.Combine(runsFolder, $"seed-{seed}", "step-{step}.safetensors");

        var rows = new List<GroupsRow>();
        var scratch = Path.Combine(Path.GetTempPath(), "wf-groups-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var target in seeds)
            {
                foreach (var groups in new[] { "global", "tensor" })
                {
                    var config = new FarcastConfig
                    {
                        Target = new TargetConfig { Checkpoints = Pattern(target), InitialStep = initialStep, ObservedStep = observedStep },
                        Reference = seeds.Where(s => s != target).Select(Pattern).ToList(),
                        Horizons = [.. horizons],
                        Forecaster = new ForecasterConfig { Groups = groups },
                        Output = new OutputConfig { Directory = Path.Combine(scratch, $"{target}-{groups}") },
                        Device = "cpu",
                        Tracking = new TrackingConfig { Uri = "none" },
                    };
                    var settings = new EffectiveSettings(config, null, new Dictionary<string, string>(), YamlKeyLocations.Parse("{}"));
                    observer.Stage("bench", $"target seed {target}, groups {groups}");
                    var result = new FarcastJob(observer, _ => null).RunAsync(settings, cancellationToken).GetAwaiter().GetResult();
                    rows.AddRange(result.Report.Horizons.Where(h => h.Forecast is not null).Select(h => new GroupsRow(
                        target, groups, h.Step, h.Forecast!.Mse, h.Baselines!.Persistence.Mse, h.Baselines.LinearExtrapolation.Mse, result.Report.Fit.Seconds)));
                }
            }
        }
        finally
        {
            if (Directory.Exists(scratch))
                Directory.Delete(scratch, true);
        }

        Directory.CreateDirectory(outputFolder);
        AtomicFile.WriteAllText(Path.Combine(outputFolder, MarkdownFileName), Markdown(rows, command));
        AtomicFile.WriteAllText(Path.Combine(outputFolder, Path.ChangeExtension(MarkdownFileName, ".json")), JsonSerializer.Serialize(rows, ReportWriter.Json) + "\n");
        return rows;
    }

    private static string Markdown(IReadOnlyList<GroupsRow> rows, string command)
    {
        var n = ReportWriter.Number;
        var md = new StringBuilder();
        md.Append("# Global map vs one map per tensor (digits MLP trajectories)\n\n");
        md.Append("Produced by `").Append(command).Append("` (ratios are forecast MSE / persistence MSE, measured in the same run; below 1 beats persistence).\n\n");
        md.Append("Each seed is the target once; the other seeds are its reference runs. Inputs w_0 and w_n (LFD-2), default fitting settings.\n\n");
        md.Append("| step | groups | forecast MSE (mean over targets) | forecast / persistence | forecast / linear extrap. | fit s (mean) |\n|---:|---|---:|---:|---:|---:|\n");
        foreach (var group in rows.GroupBy(r => (r.Step, r.Groups)).OrderBy(g => g.Key.Step).ThenBy(g => g.Key.Groups, StringComparer.Ordinal))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {group.Key.Step} | {group.Key.Groups} | {n(group.Average(r => r.ForecastMse))} | ");
            md.Append(CultureInfo.InvariantCulture, $"{group.Average(r => r.ForecastMse / r.PersistenceMse):0.000} | {group.Average(r => r.ForecastMse / r.LinearMse):0.000} | {group.Average(r => r.FitSeconds):0.0} |\n");
        }
        md.Append("\n## Per target\n\n| target seed | step | global MSE | tensor MSE | tensor / global |\n|---:|---:|---:|---:|---:|\n");
        foreach (var pair in rows.GroupBy(r => (r.TargetSeed, r.Step)).OrderBy(g => g.Key.TargetSeed).ThenBy(g => g.Key.Step))
        {
            var global = pair.Single(r => r.Groups == "global").ForecastMse;
            var tensor = pair.Single(r => r.Groups == "tensor").ForecastMse;
            md.Append(CultureInfo.InvariantCulture, $"| {pair.Key.TargetSeed} | {pair.Key.Step} | {n(global)} | {n(tensor)} | {tensor / global:0.000} |\n");
        }
        return md.ToString();
    }
}
