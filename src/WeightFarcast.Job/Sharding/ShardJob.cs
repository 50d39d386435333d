using System.Diagnostics;
using WeightFarcast.Job.Applying;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Fitting;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Reporting;
using WeightFarcast.TorchRuntime;

namespace WeightFarcast.Job.Sharding;

/// <summary>
/// `run --shard i/N`: the whole job's checks, the same seeded fit (or forecaster.load) as every other shard, then the
/// apply + backtest of this shard's tensors only, into out/shards/&lt;i&gt;-of-&lt;N&gt;/: each horizon's part
/// (same layout and provenance as the final file, fewer tensors), forecaster.safetensors, a partial report and
/// shard.json for `merge`. Shards log nothing to tracking; `merge` records the one complete run.
/// </summary>
public sealed class ShardJob(IJobObserver observer)
{
    public static string FolderFor(string outputDirectory, ShardSpec shard) => Path.Combine(outputDirectory, "shards", shard.FolderName);

    public async Task<JobResult> RunAsync(EffectiveSettings settings, ShardSpec shard, CancellationToken cancellationToken)
    {
        var config = settings.Config;
        var total = Stopwatch.StartNew();
        observer.Stage("plan", $"shard {shard}: checking checkpoints, steps and architectures");
        var plan = JobPlanner.Plan(config);
        var planSeconds = total.Elapsed.TotalSeconds;
        var device = TorchEnvironment.SelectDevice(config.Device).ToString();
        var folder = FolderFor(config.Output.Directory, shard);
        Directory.CreateDirectory(folder);
        // A stale manifest must not vouch for this run's files if it fails half-way.
        File.Delete(Path.Combine(folder, ShardManifest.FileName));

        var (forecasters, rows, sampleSeconds) = await Task.Factory.StartNew(
            () => FarcastJob.FitOrLoad(observer, plan, config, device, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        var forecasterPath = Path.Combine(folder, FarcastJob.ForecasterFileName);
        ForecasterArtifact.Save(forecasters, forecasterPath, plan, config.Forecaster);

        var part = plan with { Tensors = TensorPartition.Of(plan.Tensors, shard) };
        observer.Stage("apply", $"shard {shard}: {part.Tensors.Count} of {plan.Tensors.Count} tensors, {part.ForecastParameterCount:N0} of {plan.ForecastParameterCount:N0} parameters, {plan.Horizons.Count} horizon(s)");
        var settingsForPart = FarcastJob.ApplySettingsFor(plan, config) with { OutputDirectory = folder };
        var applied = await Task.Factory.StartNew(() => ForecastApplier.Run(part, forecasters, settingsForPart, new SynchronousProgress<string>(observer.Progress), cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);

        var timings = TimingSection.AfterApply(planSeconds, sampleSeconds, forecasters.FitTime.TotalSeconds, applied, total.Elapsed.TotalSeconds);
        var report = ReportBuilder.Build(settings, part, forecasters, rows, applied, timings) with { Shard = shard.ToString() };
        var (jsonPath, markdownPath) = ReportWriter.Write(report, folder);
        new ShardManifest
        {
            Index = shard.Index,
            Count = shard.Count,
            ConfigHash = ShardFingerprints.Config(config),
            ForecasterHash = ShardFingerprints.Forecaster(forecasters),
            Device = device,
            LoadedFrom = forecasters.LoadedFrom,
            Tensors = part.Tensors.Select(t => t.Name).ToList(),
            Rows = rows,
            Timings = timings,
            History = forecasters.History,
            Horizons = applied.Horizons.Select(h => new ShardHorizon(h.Step, Path.GetFileName(h.Path), h.Backtest?.Sums)).ToList(),
        }.Write(folder);
        return new JobResult(report, jsonPath, markdownPath, forecasterPath, applied.Horizons.Select(h => h.Path).ToList(), null);
    }
}
