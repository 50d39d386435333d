using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Job.Evaluation;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Reporting;

namespace WeightFarcast.Cli.Commands;

/// <summary>`evaluate`: how close a forecast is to the actual weights, overall and per tensor, with the baselines.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var forecast = new Option<string>("--forecast") { Description = "The predicted checkpoint.", Required = true };
        var actual = new Option<string>("--actual") { Description = "The real checkpoint at the same step.", Required = true };
        var initial = new Option<string?>("--initial") { Description = "w_0, to compute the baselines (with --observed)." };
        var observed = new Option<string?>("--observed") { Description = "w_n, to compute the baselines (with --initial)." };
        var steps = new Option<string?>("--steps")
        {
            Description = "initial,observed,actual steps for linear extrapolation, e.g. 0,200,1000 (default: the forecast's own metadata).",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("evaluate", "Compare a forecast checkpoint with the actual one: MSE, MAE, relative L2, cosine; with --initial/--observed also persistence and linear extrapolation.")
        { forecast, actual, initial, observed, steps, json };
        command.SetAction(parse =>
        {
            var forecastPath = RequireFile(context, parse.GetValue(forecast)!, "--forecast");
            var actualPath = RequireFile(context, parse.GetValue(actual)!, "--actual");
            (string, int, string, int, int)? baselines = null;
            if (parse.GetValue(initial) is { } w0 && parse.GetValue(observed) is { } wn)
            {
                var (s0, sn, sh) = Steps(parse.GetValue(steps), forecastPath);
                baselines = (RequireFile(context, w0, "--initial"), s0, RequireFile(context, wn, "--observed"), sn, sh);
            }
            else if (parse.GetValue(initial) is not null || parse.GetValue(observed) is not null)
            {
                throw new JobInputException("--initial and --observed go together (both are needed for the baselines)");
            }

            var result = CheckpointComparison.Compare(forecastPath, actualPath, baselines);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(result, ReportWriter.Json));
                return (int)ExitCode.Success;
            }
            context.Out.WriteLine($"{"tensor",-32} {"elements",12} {"mse",12} {"mae",12} {"rel_l2",10} {"cosine",8}{(baselines is null ? "" : $" {"persist.mse",12} {"linear.mse",12}")}");
            foreach (var t in result.Tensors)
                context.Out.WriteLine(Row(t.Name, t.Elements, t.Forecast, t.Persistence, t.LinearExtrapolation));
            context.Out.WriteLine(Row("overall", result.Tensors.Sum(t => t.Elements), result.Forecast, result.Persistence, result.LinearExtrapolation));
            return (int)ExitCode.Success;
        });
        return command;
    }

    private static string Row(string name, long elements, ErrorMetrics f, ErrorMetrics? p, ErrorMetrics? l)
    {
        var n = ReportWriter.Number;
        var row = $"{(name.Length > 32 ? name[..31] + "~" : name),-32} {elements,12:N0} {n(f.Mse),12} {n(f.Mae),12} {n(f.RelL2),10} {f.Cosine.ToString("0.0000", CultureInfo.InvariantCulture),8}";
        return p is null || l is null ? row : $"{row} {n(p.Mse),12} {n(l.Mse),12}";
    }

    private static (int, int, int) Steps(string? text, string forecastPath)
    {
        if (text is not null)
        {
            var parts = text.Split(',');
            if (parts.Length == 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
            throw new JobInputException($"--steps must be three whole numbers initial,observed,actual (got '{text}')");
        }
        using var reader = CheckpointReader.Open(forecastPath);
        string? Meta(string key) => reader.Metadata.TryGetValue($"weightfarcast.{key}", out var v) ? v : null;
        if (Meta("initial_step") is { } a && Meta("observed_step") is { } b && Meta("horizon_step") is { } c)
            return (int.Parse(a, CultureInfo.InvariantCulture), int.Parse(b, CultureInfo.InvariantCulture), int.Parse(c, CultureInfo.InvariantCulture));
        throw new JobInputException($"{forecastPath} carries no step metadata: pass --steps initial,observed,actual");
    }

    private static string RequireFile(CliContext context, string path, string option)
    {
        var full = context.ResolvePath(path);
        return File.Exists(full) || Directory.Exists(full) ? full : throw new JobInputException($"{option}: {full} does not exist", full);
    }
}
