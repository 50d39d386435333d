using System.CommandLine;
using WeightFarcast.Job;
using WeightFarcast.Job.Configuration;

namespace WeightFarcast.Cli.Commands;

/// <summary>`run`: the farcast job as a hosted worker.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var config = ConfigCommands.ConfigOption();
        var command = new Command("run", "Run the farcast job: discover runs, validate, fit (or load) the forecaster, write step-<h> forecasts, backtest, report, track.") { config };
        command.SetAction((parse, cancellationToken) =>
        {
            // Configuration problems are reported before the host starts, with their file and line.
            var settings = ConfigPipeline.Load(ConfigCommands.ResolveConfig(context, parse.GetValue(config)), context.GetEnvironment, context.WorkingDirectory);
            return JobCommandRunner.ExecuteAsync(context,
                (observer, tags, ct) => new FarcastJob(observer, context.GetEnvironment, tags).RunAsync(settings, ct), cancellationToken);
        });
        return command;
    }
}
