using System.CommandLine;
using WeightFarcast.Job.Sharding;

namespace WeightFarcast.Cli.Commands;

/// <summary>`merge`: joins the parts of `run --shard i/N` into the outputs, report and tracking run of a single-process run.</summary>
internal static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var config = ConfigCommands.ConfigOption();
        var command = new Command("merge",
            "Merge the parts written by `run --shard i/N` (<output>/shards/<i>-of-<N>/) into step-<h> forecasts identical to a single-process run, " +
            "with the full report (metrics recomputed exactly from the parts' sums) and one tracking run. Every part must exist and agree (same N, config and forecaster).")
        { config };
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = ConfigCommands.LoadSettings(context, parse, config);
            return JobCommandRunner.ExecuteAsync(context,
                (observer, tags, ct) => new ShardMerge(observer, context.GetEnvironment, tags).RunAsync(settings, ct), cancellationToken);
        });
        return command;
    }
}
