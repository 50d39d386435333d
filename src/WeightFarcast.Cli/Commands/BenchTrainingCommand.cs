using System.CommandLine;
using System.Globalization;
using WeightFarcast.Job.Benchmarks.Training;

namespace WeightFarcast.Cli.Commands;

/// <summary>`bench training`: does farcasting save training? Real runs of four tasks, every method, three measurements.</summary>
internal static class BenchTrainingCommand
{
    internal static Command Create(CliContext context)
    {
        var tasks = new Option<string>("--tasks") { Description = $"Comma-separated tasks: {string.Join(", ", TrainingBenchmarkTasks.All.Select(t => t.Key))}.", DefaultValueFactory = _ => string.Join(",", TrainingBenchmarkTasks.All.Select(t => t.Key)) };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds; each is the target once, the others its reference runs.", DefaultValueFactory = _ => "1,2,3,4" };
        var observed = new Option<int?>("--observed") { Description = "Override n (the observed step, a multiple of 8) for every task: quick runs; the recorded results use each task's default." };
        var output = new Option<string>("--out") { Description = "Folder for training.md, training.json and the PNG plots.", DefaultValueFactory = _ => "docs/benchmarks" };
        var notes = new Option<string?>("--notes") { Description = "A Markdown file with the analysis of the results, put under \"Findings\"." };
        var work = new Option<string?>("--work") { Description = "Keep the trained checkpoints and forecasts in this folder (default: a temporary folder, deleted)." };
        var command = new Command("training", "Does it save training? Train each task for real (4 seeds), farcast every seed from w_0 and w_n to 2n, 4n and 8n with the global map, per-tensor maps, self-fit, persistence and linear extrapolation; report weight error, the forecast's loss as an effective step, and farcast-then-continue steps to a target loss.")
        { tasks, seeds, observed, output, work, notes };
        command.SetAction((parse, cancellationToken) =>
        {
            var selected = Split(parse.GetValue(tasks)!, "--tasks").Select(TrainingBenchmarkTasks.Find).ToList();
            var seedList = Split(parse.GetValue(seeds)!, "--seeds").Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                : throw new Job.Planning.JobInputException($"--seeds: '{s}' is not an integer")).ToList();
            var line = "weightfarcast bench training"
                + (parse.GetResult(tasks) is null ? "" : $" --tasks {parse.GetValue(tasks)}")
                + (parse.GetResult(seeds) is null ? "" : $" --seeds {parse.GetValue(seeds)}")
                + (parse.GetValue(observed) is { } o ? $" --observed {o}" : "")
                + $" --out {parse.GetValue(output)}"
                + (parse.GetValue(notes) is { } file ? $" --notes {file}" : "");
            var folder = context.ResolvePath(parse.GetValue(output)!);
            TrainingBenchmark.Run(new TrainingBenchmarkOptions
            {
                Tasks = selected,
                ObservedStepOverride = parse.GetValue(observed),
                Seeds = seedList,
                OutputDirectory = folder,
                WorkDirectory = parse.GetValue(work) is { } w ? context.ResolvePath(w) : null,
                Command = line,
                Notes = parse.GetValue(notes) is { } notesFile ? File.ReadAllText(context.ResolvePath(notesFile)) : null,
            }, new Job.SynchronousProgress<string>(context.Error.WriteLine), cancellationToken);
            context.Out.WriteLine(Path.Combine(folder, TrainingBenchmark.MarkdownFileName));
            return Task.FromResult((int)ExitCode.Success);
        });
        return command;
    }

    private static List<string> Split(string value, string option)
    {
        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return parts.Count > 0 ? parts : throw new Job.Planning.JobInputException($"{option}: give at least one value");
    }
}
