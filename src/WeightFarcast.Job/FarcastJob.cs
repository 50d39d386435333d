using System.Diagnostics;
using WeightFarcast.Checkpoints.Statistics;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Acceptance;
using WeightFarcast.Job.Applying;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Fitting;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Recording;
using WeightFarcast.Job.Reporting;
using WeightFarcast.Job.Sampling;
using WeightFarcast.TorchRuntime;
using WeightFarcast.Tracking;

namespace WeightFarcast.Job;

/// <summary>
/// The farcast job: plan (all checks) -> sample reference runs -> fit (or load) -> apply + backtest in one streaming
/// pass -> reports -> tracking. Outputs are written before anything is sent to tracking, so a tracking outage can
/// never lose a forecast; the tracking run still ends FINISHED, FAILED or KILLED on every path.
/// </summary>
public sealed class FarcastJob(IJobObserver observer, Func<string, string?> getEnv, IReadOnlyDictionary<string, string>? contextTags = null, ILossEvaluator? lossEvaluator = null)
{
    public const string ForecasterFileName = "forecaster.safetensors";

    public async Task<JobResult> RunAsync(EffectiveSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.Config;
        var total = Stopwatch.StartNew();
        observer.Stage("plan", "checking checkpoints, steps and architectures");
        var plan = JobPlanner.Plan(config);
        var planSeconds = total.Elapsed.TotalSeconds;
        // Torch is brought up (and a bad device refused) before anything slow happens.
        var device = TorchEnvironment.SelectDevice(config.Device).ToString();

        return await TrackedAsync(settings, RunParams(plan, device), async tracking =>
        {
            // Torch work is synchronous and thread-bound (dispose scopes are thread-static): one dedicated thread.
            var (forecasters, rows, sampleSeconds) = await Task.Factory.StartNew(
                () => FitOrLoad(observer, plan, config, device, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);

            Directory.CreateDirectory(config.Output.Directory);
            var forecasterPath = Path.Combine(config.Output.Directory, ForecasterFileName);
            if (forecasters.LoadedFrom is null)
                ForecasterArtifact.Save(forecasters, forecasterPath, plan, config.Forecaster);

            observer.Stage("apply", $"{plan.Horizons.Count} horizon(s) over {plan.Tensors.Count} tensors ({plan.ForecastParameterCount:N0} parameters)");
            var applied = await Task.Factory.StartNew(() => ForecastApplier.Run(plan, forecasters, ApplySettingsFor(plan, config), new SynchronousProgress<string>(observer.Progress), cancellationToken),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);

            var timings = TimingSection.AfterApply(planSeconds, sampleSeconds, forecasters.FitTime.TotalSeconds, applied, total.Elapsed.TotalSeconds);
            return await CompleteAsync(settings, plan, forecasters, rows, applied, timings, tracking, forecasterPath, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside a tracking run that ends FINISHED, FAILED or KILLED on every path; a
    /// tracking outage only warns (see <see cref="StartTrackingAsync"/>).
    /// </summary>
    internal async Task<JobResult> TrackedAsync(EffectiveSettings settings, IReadOnlyDictionary<string, string> runParams, Func<SafeTrackingRun, Task<JobResult>> work, CancellationToken cancellationToken)
    {
        await using var tracking = await StartTrackingAsync(settings, runParams, cancellationToken).ConfigureAwait(false);
        var status = RunStatus.Failed;
        try
        {
            var result = await work(tracking).ConfigureAwait(false);
            status = RunStatus.Finished;
            return result;
        }
        catch (OperationCanceledException)
        {
            status = RunStatus.Killed;
            throw;
        }
        finally
        {
            // Recorded even when cancelled: the tracking client has its own grace period for this call.
            await tracking.EndAsync(status, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Tracking run parameters beside the flattened config.</summary>
    internal static Dictionary<string, string> RunParams(JobPlan plan, string device)
    {
        var parameters = new Dictionary<string, string>
        {
            ["weightfarcast.version"] = ToolInfo.Version,
            ["device.resolved"] = device,
            ["target.input_steps"] = string.Join(",", plan.InputSteps),
            ["target.observed_step.resolved"] = plan.ObservedStep.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["target.parameters"] = plan.ForecastParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // "none" rather than an empty value when no reference is read (forecaster.source: self or forecaster.load).
            ["reference.steps"] = plan.References.Count == 0 ? "none" : string.Join(";", plan.References.Select(r => $"{r.Steps[0]}..{r.Steps[^1]} ({r.Steps.Count})")),
        };
        // forecaster.source: self: the target step that stands in for each horizon (horizon:step).
        if (plan.SelfFits.Count > 0)
            parameters["forecaster.self_steps"] = string.Join(",", plan.SelfFits.Select(f => $"{f.Horizon}:{f.RescaledStep}"));
        return parameters;
    }

    private async Task<SafeTrackingRun> StartTrackingAsync(EffectiveSettings settings, IReadOnlyDictionary<string, string> runParams, CancellationToken cancellationToken)
    {
        var tracking = await RunRecording.StartAsync(settings, runParams, contextTags ?? new Dictionary<string, string>(), getEnv, observer.Warning, cancellationToken).ConfigureAwait(false);
        if (tracking.Failure is not null)
            observer.Warning($"tracking is unavailable ({tracking.Failure.Message}); the forecast is still written");
        return tracking;
    }

    /// <summary>
    /// Everything after the forecasts are on disk: report.json/.md, plots, the effective config and tracking. Shared by
    /// `run` and `merge`, so a merged run reports and tracks exactly like a single-process one.
    /// </summary>
    internal async Task<JobResult> CompleteAsync(EffectiveSettings settings, JobPlan plan, ForecasterSet forecasters, long rows, ApplyResult applied,
        TimingSection timings, SafeTrackingRun tracking, string forecasterPath, CancellationToken cancellationToken)
    {
        var config = settings.Config;
        var report = ReportBuilder.Build(settings, plan, forecasters, rows, applied, timings);
        if (lossEvaluator is not null)
        {
            observer.Stage("evaluate", "loss of the forecast weights");
            var losses = lossEvaluator.Evaluate(plan, applied, cancellationToken);
            foreach (var horizon in report.Horizons)
                horizon.Loss = losses.GetValueOrDefault(horizon.Step);
        }
        if (config.Acceptance.Command is not null)
        {
            observer.Stage("accept", "evaluating w_n and every forecast with acceptance.command");
            var verdicts = AcceptanceGate.Evaluate(config.Acceptance, plan, applied, cancellationToken);
            foreach (var horizon in report.Horizons)
            {
                horizon.Acceptance = verdicts.GetValueOrDefault(horizon.Step);
                if (horizon.Acceptance is { Accepted: false, Reason: var reason })
                    observer.Warning($"forecast for step {horizon.Step} rejected ({reason}); it is written but not published");
            }
        }
        report.Tracking = TrackingSummary(config, tracking);
        var (jsonPath, markdownPath) = ReportWriter.Write(report, config.Output.Directory);
        var plots = FarcastPlots.Write(report, forecasters.History, config.Output.Directory);

        observer.Stage("track", config.Tracking.Uri.Equals("none", StringComparison.OrdinalIgnoreCase) ? "tracking off (tracking.uri: none)"
            : tracking.Active ? $"logging to {tracking.Run!.Location}" : "tracking unavailable; outputs are written");
        var now = DateTimeOffset.UtcNow;
        await tracking.MetricsAsync(RunRecording.FitMetrics(forecasters.History, now), cancellationToken).ConfigureAwait(false);
        await tracking.MetricsAsync(RunRecording.ReportMetrics(report, now), cancellationToken).ConfigureAwait(false);
        var effectiveConfig = Path.Combine(config.Output.Directory, "farcast.effective.yaml");
        Output.AtomicFile.WriteAllText(effectiveConfig, EffectiveConfig.ToYaml(config));
        foreach (var artifact in new[] { jsonPath, markdownPath, forecasterPath, effectiveConfig }.Concat(plots).Where(File.Exists))
            await tracking.ArtifactAsync(artifact, null, cancellationToken).ConfigureAwait(false);
        if (config.Output.LogCheckpoints)
        {
            foreach (var output in applied.Horizons.Where(h => File.Exists(h.Path)))
                await tracking.ArtifactAsync(output.Path, "forecasts", cancellationToken).ConfigureAwait(false);
        }
        return new JobResult(report, jsonPath, markdownPath, forecasterPath, applied.Horizons.Select(h => h.Path).ToList(), tracking.Failure);
    }

    /// <summary>Loads forecaster.load, or samples the references (or, with forecaster.source: self, the target) and fits;
    /// shard runs call this too (seeded: every shard fits the same map).</summary>
    internal static (ForecasterSet Forecasters, long Rows, double SampleSeconds) FitOrLoad(IJobObserver observer, JobPlan plan, FarcastConfig config, string device, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(config.Forecaster.Load))
        {
            observer.Stage("load", config.Forecaster.Load);
            return (ForecasterArtifact.Load(config.Forecaster.Load, plan), 0, 0);
        }
        var (sample, perTensor, seed) = (config.Forecaster.Sample, config.Forecaster.Groups == "tensor", config.Forecaster.Seed);
        var progress = new SynchronousProgress<EpochProgress>(observer.Epoch);
        var clock = Stopwatch.StartNew();
        if (plan.SelfFits.Count > 0)
        {
            observer.Stage("sample", $"{sample:N0} coordinates of the target at steps {string.Join(", ", SelfSampler.StepsRead(plan))} (forecaster.source: self)");
            var perHorizon = SelfSampler.Sample(plan, sample, perTensor, seed, cancellationToken);
            return Fitted([.. perHorizon.SelectMany(p => p.Data.Values)], " (one per group and horizon)",
                () => SelfFitting.Fit(perHorizon, config.Forecaster, device, progress, cancellationToken));
        }
        observer.Stage("sample", $"{sample:N0} coordinates from each of {plan.References.Count} reference run(s)");
        var data = ReferenceSampler.Sample(plan, sample, perTensor, seed, cancellationToken);
        return Fitted([.. data.Values], "", () => ForecasterFitting.Fit(data, config.Forecaster, device, progress, cancellationToken));

        (ForecasterSet, long, double) Fitted(IReadOnlyList<FitData> sets, string note, Func<ForecasterSet> fit)
        {
            var sampleSeconds = clock.Elapsed.TotalSeconds;
            var rows = sets.Sum(d => (long)d.Rows);
            observer.Stage("fit", $"{InputSchemes.Label(plan.Scheme)}, {sets.Count} map(s){note}, {rows:N0} rows, device {device}");
            return (fit(), rows, sampleSeconds);
        }
    }

    /// <summary>Output settings and provenance metadata; nothing in them depends on the shard, so merged files equal a single run's.</summary>
    internal static ApplySettings ApplySettingsFor(JobPlan plan, FarcastConfig config)
    {
        DType? dtype = config.Output.Dtype switch
        {
            "f32" => DType.F32,
            "f16" => DType.F16,
            "bf16" => DType.BF16,
            _ => null,
        };
        var nanPolicy = config.NanPolicy == "carry" ? NonFinitePolicy.CarryThrough : NonFinitePolicy.Fail;
        return new ApplySettings(config.Output.Directory, dtype, config.Backtest, nanPolicy, horizon => new Dictionary<string, string>
        {
            ["weightfarcast.version"] = ToolInfo.Version,
            ["weightfarcast.kind"] = "forecast",
            ["weightfarcast.target"] = config.Target.Checkpoints,
            ["weightfarcast.initial_step"] = plan.InitialStep.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["weightfarcast.observed_step"] = plan.ObservedStep.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["weightfarcast.horizon_step"] = horizon.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["weightfarcast.inputs"] = InputSchemes.Label(plan.Scheme),
        });
    }

    private static TrackingSection TrackingSummary(FarcastConfig config, SafeTrackingRun tracking) => new(
        EffectiveConfig.UriRedactor.Redact(config.Tracking.Uri),
        tracking.Run?.RunId,
        tracking.Run?.ExperimentId,
        tracking.Run?.Location,
        tracking.Run is null ? (tracking.Failure is null ? "off" : "failed") : tracking.Failure is null ? "recorded" : "failed",
        tracking.Failure?.Message);
}
