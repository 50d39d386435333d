using System.CommandLine;
using WeightFarcast.Job.Demo;

namespace WeightFarcast.Cli.Commands;

/// <summary>`demo`: the whole job on embedded defaults, no input needed.</summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var dir = new Option<string?>("--dir") { Description = "Folder for the demo's runs, config, outputs and mlruns (default: ./weightfarcast-demo)." };
        var command = new Command("demo",
            "Train three short runs of a small MLP on the built-in digits data, farcast one from its w_0 and w_n using the others as reference runs, backtest, log to ./mlruns and print the table.")
        { dir };
        command.SetAction((parse, cancellationToken) =>
        {
            var folder = context.ResolvePath(parse.GetValue(dir) ?? "weightfarcast-demo");
            return JobCommandRunner.ExecuteAsync(context,
                (observer, tags, ct) => DemoScenario.RunAsync(folder, observer, context.GetEnvironment, tags, ct), cancellationToken);
        });
        return command;
    }
}
