using System.Diagnostics;
using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Job.Applying;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Evaluation;
using WeightFarcast.Job.Fitting;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Reporting;

namespace WeightFarcast.Job.Sharding;

/// <summary>
/// `merge`: checks the N parts agree (<see cref="ShardParts"/>), streams every tensor from its part into the final
/// step-&lt;h&gt; checkpoints (same layout and provenance as a single-process run, written temp + rename), adds the
/// parts' backtest sums in tensor order (bit-identical metrics), then reports and tracks through the same code as `run`.
/// </summary>
public sealed class ShardMerge(IJobObserver observer, Func<string, string?> getEnv, IReadOnlyDictionary<string, string>? contextTags = null)
{
    public async Task<JobResult> RunAsync(EffectiveSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.Config;
        var clock = Stopwatch.StartNew();
        observer.Stage("plan", "checking checkpoints and shard parts");
        var plan = JobPlanner.Plan(config);
        var parts = ShardParts.Find(config.Output.Directory, plan, config);
        var first = parts.Manifests[0];
        var job = new FarcastJob(observer, getEnv, contextTags);

        return await job.TrackedAsync(settings, FarcastJob.RunParams(plan, first.Device), async tracking =>
        {
            var loaded = ForecasterArtifact.Load(Path.Combine(parts.Folders[0], FarcastJob.ForecasterFileName), plan);
            var forecasters = loaded with { History = first.History, FitTime = TimeSpan.FromSeconds(first.Timings.FitSeconds), LoadedFrom = first.LoadedFrom };
            var forecasterPath = Path.Combine(config.Output.Directory, FarcastJob.ForecasterFileName);
            if (first.LoadedFrom is null)
                Output.AtomicFile.Write(forecasterPath, stream => { using var source = File.OpenRead(Path.Combine(parts.Folders[0], FarcastJob.ForecasterFileName)); source.CopyTo(stream); });

            observer.Stage("merge", $"{parts.Count} part(s) into {plan.Horizons.Count} horizon(s) over {plan.Tensors.Count} tensors");
            var horizons = await Task.Factory.StartNew(() => Assemble(plan, config, parts, cancellationToken),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            var timings = parts.Manifests.Select(m => m.Timings).ToList();
            var applySeconds = timings.Max(t => t.ApplySeconds);
            var applied = new ApplyResult(horizons, timings.Sum(t => t.BytesRead), timings.Sum(t => t.BytesWritten), TimeSpan.FromSeconds(applySeconds));
            // Shards run side by side: the slowest shard's stages, plus this merge, are the wall time.
            var merged = TimingSection.AfterApply(timings.Max(t => t.PlanSeconds), timings.Max(t => t.SampleSeconds), first.Timings.FitSeconds, applied,
                timings.Max(t => t.TotalSeconds) + clock.Elapsed.TotalSeconds);
            merged = merged with { PeakMemoryMib = Math.Max(merged.PeakMemoryMib, timings.Max(t => t.PeakMemoryMib)) };
            return await job.CompleteAsync(settings, plan, forecasters, first.Rows, applied, merged, tracking, forecasterPath, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static List<HorizonOutput> Assemble(JobPlan plan, FarcastConfig config, ShardParts parts, CancellationToken cancellationToken)
    {
        var settings = FarcastJob.ApplySettingsFor(plan, config);
        var shardOf = TensorPartition.Assign(plan.Tensors, parts.Count);
        var outputTensors = plan.Tensors.Select(t => t.IsFloatingPoint && settings.OutputDType is { } d ? new TensorInfo(t.Name, d, t.Shape) : t).ToList();
        using var layout = CheckpointReader.Open(plan.Target.PathFor(plan.ObservedStep));
        var results = new List<HorizonOutput>();
        for (var i = 0; i < plan.Horizons.Count; i++)
        {
            var horizon = plan.Horizons[i];
            var readers = parts.Folders.Select((folder, s) => CheckpointReader.Open(Path.Combine(folder, parts.Manifests[s].Horizons[i].Output))).ToList();
            try
            {
                using var writer = ForecastOutputs.Create(layout, outputTensors, config.Output.Directory, horizon, settings.Metadata(horizon));
                for (var t = 0; t < plan.Tensors.Count; t++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    CheckpointWriter.CopyTensor(readers[shardOf[t]], writer, plan.Tensors[t].Name);
                }
                writer.Commit();
                results.Add(new HorizonOutput(horizon, writer.Path, Backtest(plan, parts, i)));
            }
            finally
            {
                foreach (var reader in readers)
                    reader.Dispose();
            }
        }
        return results;
    }

    /// <summary>Per-tensor sums from their parts, added in the target's tensor order as a single run adds them.</summary>
    private static BacktestErrors? Backtest(JobPlan plan, ShardParts parts, int horizonIndex)
    {
        var sums = parts.Manifests.Select(m => m.Horizons[horizonIndex].Sums).ToList();
        if (sums.Any(s => s is null))
            return null;
        var byTensor = sums.SelectMany(s => s!).ToDictionary(s => s.Tensor, StringComparer.Ordinal);
        var rows = plan.Tensors.Where(t => byTensor.ContainsKey(t.Name)).Select(t => byTensor[t.Name])
            .Select(s => (s.Tensor, s.Elements, ErrorAccumulator.FromSums(s.Forecast), ErrorAccumulator.FromSums(s.Persistence), ErrorAccumulator.FromSums(s.LinearExtrapolation)))
            .ToList();
        return ForecastApplier.Summarise(rows);
    }
}
