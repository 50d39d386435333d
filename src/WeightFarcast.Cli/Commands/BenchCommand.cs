using System.CommandLine;
using WeightFarcast.Forecasting;
using WeightFarcast.Forecasting.Synthetic;

namespace WeightFarcast.Cli.Commands;

/// <summary>`bench`: benchmark programs that ship with the tool, so anyone can rerun the recorded numbers.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var samples = new Option<int>("--samples") { Description = "Dataset samples (generator seeds 1..N); the paper uses 5.", DefaultValueFactory = _ => 5 };
        var output = new Option<string>("--out") { Description = "Folder for paper-synthetic.md and paper-synthetic.json.", DefaultValueFactory = _ => "docs/benchmarks" };
        var notes = new Option<string?>("--notes") { Description = "A Markdown file with the analysis of the results, put under \"Findings\"." };
        var init = new Option<string>("--init") { Description = "Where fits start: uniform (the paper's random map) or persistence (the product's default).", DefaultValueFactory = _ => "uniform" };
        init.AcceptOnlyFromAmong("uniform", "persistence");
        var paper = new Command("paper", "Reproduce the paper's synthetic benchmark: every method (LFD-2, LFL, LFS, Introspection, LFN, persistence, linear extrapolation) on every dataset; test MSE at t = 40..200 as mean(std) over samples, fit times, the regularizer's effect.")
        { samples, output, notes, init };
        paper.SetAction((parse, cancellationToken) =>
        {
            var n = parse.GetValue(samples);
            if (n < 1)
                throw new Job.Planning.JobInputException("--samples must be at least 1");
            var folder = context.ResolvePath(parse.GetValue(output)!);
            var result = PaperBenchmark.Run(new PaperBenchmarkOptions
            {
                Samples = n,
                OutputDirectory = folder,
                Command = $"weightfarcast bench paper --samples {n} --out {parse.GetValue(output)}" + (parse.GetValue(notes) is { } file ? $" --notes {file}" : "")
                    + (parse.GetValue(init) == "persistence" ? " --init persistence" : ""),
                Init = parse.GetValue(init) == "persistence" ? MapInit.Persistence : MapInit.Uniform,
                Notes = parse.GetValue(notes) is { } notesFile ? File.ReadAllText(context.ResolvePath(notesFile)) : null,
                Progress = new Job.SynchronousProgress<string>(context.Error.WriteLine),
            }, cancellationToken);
            context.Out.WriteLine(Path.Combine(folder, PaperBenchmark.MarkdownFileName));
            return Task.FromResult((int)ExitCode.Success);
        });
        var runs = new Option<string>("--runs") { Description = "Folder of seed-<s>/step-{step}.safetensors runs.", DefaultValueFactory = _ => "tests/fixtures/digits-mlp" };
        var groupsOut = new Option<string>("--out") { Description = "Folder for groups-digits.md and .json.", DefaultValueFactory = _ => "docs/benchmarks" };
        var groups = new Command("groups", "Compare the paper's global map with one map per tensor: each seed of --runs is farcast from steps 0 and 200 to 400, 800 and 1500 using the other seeds as references.")
        { runs, groupsOut };
        groups.SetAction((parse, cancellationToken) =>
        {
            var command = $"weightfarcast bench groups --runs {parse.GetValue(runs)} --out {parse.GetValue(groupsOut)}";
            var observer = new Rendering.ProgressObserver(context.Error, live: false, CiIntegration.CiReporterFactory.Create(
                CiIntegration.CiEnvironment.Detect(_ => null), context.Error, CiIntegration.SecretMasker.None));
            var rows = Job.Benchmarks.GroupsBenchmark.Run(context.ResolvePath(parse.GetValue(runs)!), 0, 200, [400, 800, 1500],
                context.ResolvePath(parse.GetValue(groupsOut)!), command, observer, cancellationToken);
            context.Out.WriteLine(Path.Combine(context.ResolvePath(parse.GetValue(groupsOut)!), Job.Benchmarks.GroupsBenchmark.MarkdownFileName));
            return Task.FromResult(rows.Count > 0 ? (int)ExitCode.Success : (int)ExitCode.InternalError);
        });
        return new Command("bench", "Benchmarks with results printed as ratios against baselines measured in the same run.") { paper, groups, BenchThroughputCommand.Create(context), BenchFitCommand.Create(context), BenchTrainingCommand.Create(context) };
    }
}
