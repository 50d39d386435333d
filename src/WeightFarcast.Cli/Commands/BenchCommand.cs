using System.CommandLine;
using WeightFarcast.Forecasting.Synthetic;

namespace WeightFarcast.Cli.Commands;

/// <summary>`bench`: benchmark programs that ship with the tool, so anyone can rerun the recorded numbers.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var samples = new Option<int>("--samples") { Description = "Dataset samples (generator seeds 1..N); the paper uses 5.", DefaultValueFactory = _ => 5 };
        var output = new Option<string>("--out") { Description = "Folder for paper-synthetic.md and paper-synthetic.json.", DefaultValueFactory = _ => "docs/benchmarks" };
        var paper = new Command("paper", "Reproduce the paper's synthetic benchmark: every method (LFD-2, LFL, LFS, Introspection, LFN, persistence, linear extrapolation) on every dataset; test MSE at t = 40..200 as mean(std) over samples, fit times, the regularizer's effect.")
        { samples, output };
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
                Command = $"weightfarcast bench paper --samples {n} --out {parse.GetValue(output)}",
                Progress = new Progress<string>(m => context.Error.WriteLine(m)),
            }, cancellationToken);
            context.Out.WriteLine(Path.Combine(folder, PaperBenchmark.MarkdownFileName));
            return Task.FromResult((int)ExitCode.Success);
        });
        return new Command("bench", "Benchmarks with results printed as ratios against baselines measured in the same run.") { paper };
    }
}
