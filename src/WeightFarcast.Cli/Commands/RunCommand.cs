using System.CommandLine;
using WeightFarcast.Job;
using WeightFarcast.Job.Sharding;

namespace WeightFarcast.Cli.Commands;

/// <summary>`run`: the farcast job as a hosted worker, whole or one shard of it (`--shard i/N`, then `merge`).</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var config = ConfigCommands.ConfigOption();
        var shard = new Option<string?>("--shard")
        {
            Description = "Run shard i of N (0-based, e.g. 0/4): fit as usual, apply only this shard's tensors (balanced by bytes) into <output>/shards/<i>-of-<N>/; then `weightfarcast merge`. Shards log nothing to tracking.",
        };
        shard.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && ShardSpec.TryParse(text) is null)
                result.AddError($"--shard '{text}' must be i/N with 0 <= i < N (e.g. 0/4)");
        });
        var shards = new Option<int?>("--shards")
        {
            Description = $"Shard count N for a Kubernetes Indexed Job: the shard index comes from {ShardSpec.CompletionIndexVariable} (default: {ShardSpec.ShardsVariable}).",
        };
        shards.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
                result.AddError("--shards must be at least 1");
        });
        var command = new Command("run", "Run the farcast job: discover runs, validate, fit (or load) the forecaster, write step-<h> forecasts, backtest, report, track.") { config, shard, shards };
        command.SetAction((parse, cancellationToken) =>
        {
            // Configuration problems are reported before the host starts, with their file and line.
            var settings = ConfigCommands.LoadSettings(context, parse, config);
            var part = ShardSpec.Resolve(parse.GetValue(shard), parse.GetValue(shards), context.GetEnvironment);
            return JobCommandRunner.ExecuteAsync(context, (observer, tags, ct) => part is null
                ? new FarcastJob(observer, context.GetEnvironment, tags).RunAsync(settings, ct)
                : new ShardJob(observer).RunAsync(settings, part, ct), cancellationToken);
        });
        return command;
    }
}
