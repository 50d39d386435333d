using System.Globalization;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Evaluation;
using WeightFarcast.Job.Reporting;
using WeightFarcast.Tracking;

namespace WeightFarcast.Job.Recording;

/// <summary>What a farcast run tells MLflow: params (the flattened effective config), per-epoch fit losses,
/// per-horizon errors of the forecast and the baselines, timings, tags (source, git, CI).</summary>
public static class RunRecording
{
    /// <param name="runParams">What the job resolved beyond the configuration (tool version, device, steps).</param>
    public static async Task<SafeTrackingRun> StartAsync(EffectiveSettings settings, IReadOnlyDictionary<string, string> runParams,
        IReadOnlyDictionary<string, string> contextTags, Func<string, string?> getEnv, Action<string> warn, CancellationToken ct)
    {
        var config = settings.Config.Tracking;
        var options = new TrackingOptions
        {
            Uri = config.Uri,
            RequestTimeout = TimeSpan.FromSeconds(config.TimeoutSeconds),
            MaxRetries = config.MaxRetries,
            FallbackFolder = config.OnFailure == "fallback" ? config.FallbackDirectory : null,
        };
        var environment = new TrackingEnvironment { GetVariable = getEnv, Warn = warn };
        var runName = config.RunName ?? DefaultRunName(settings.Config);
        var tags = new Dictionary<string, string>(contextTags, StringComparer.Ordinal) { ["weightfarcast.config"] = settings.ConfigFile ?? "" };
        try
        {
            var tracker = TrackerFactory.Create(options, environment);
            var run = await tracker.StartRunAsync(new RunStart(config.Experiment, runName, tags, DateTimeOffset.UtcNow), ct).ConfigureAwait(false);
            var safe = new SafeTrackingRun(run, null);
            var parameters = new Dictionary<string, string>(EffectiveConfig.Flatten(settings.Config), StringComparer.Ordinal);
            foreach (var (key, value) in runParams)
                parameters[key] = value;
            await safe.ParamsAsync(parameters, ct).ConfigureAwait(false);
            return safe;
        }
        catch (TrackingException e)
        {
            return new SafeTrackingRun(null, e);
        }
    }

    public static string DefaultRunName(FarcastConfig config)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(config.Target.Checkpoints.Replace("{step}", "0", StringComparison.Ordinal))) ?? "target";
        return $"farcast-{folder}-{config.Target.ObservedStep?.ToString(CultureInfo.InvariantCulture) ?? "latest"}";
    }

    public static IReadOnlyList<MetricPoint> FitMetrics(IReadOnlyList<EpochProgress> history, DateTimeOffset now)
    {
        var points = new List<MetricPoint>();
        foreach (var e in history)
        {
            var prefix = e.Group is null ? "fit" : $"fit/{Sanitize(e.Group)}";
            points.Add(new MetricPoint($"{prefix}/train_l1", e.TrainLoss, e.Epoch, now));
            points.Add(new MetricPoint($"{prefix}/validation_l1", e.ValidationLoss, e.Epoch, now));
            if (e.TrainRegularizer != 0)
                points.Add(new MetricPoint($"{prefix}/train_l_grad", e.TrainRegularizer, e.Epoch, now));
        }
        return points;
    }

    public static IReadOnlyList<MetricPoint> ReportMetrics(FarcastReport report, DateTimeOffset now)
    {
        var points = new List<MetricPoint>
        {
            new("fit/best_epoch", report.Fit.BestEpoch, 0, now),
            new("fit/best_validation_l1", report.Fit.BestValidationLoss, 0, now),
            new("time/fit_seconds", report.Timings.FitSeconds, 0, now),
            new("time/apply_seconds", report.Timings.ApplySeconds, 0, now),
            new("time/total_seconds", report.Timings.TotalSeconds, 0, now),
            new("apply/throughput_gbps", report.Timings.ApplyGigabytesPerSecond, 0, now),
            new("memory/peak_mib", report.Timings.PeakMemoryMib, 0, now),
        };
        foreach (var h in report.Horizons)
        {
            if (h.Forecast is { } f)
                Add(points, "forecast", f, h.Step, now);
            if (h.Baselines is { } b)
            {
                Add(points, "persistence", b.Persistence, h.Step, now);
                Add(points, "linear_extrapolation", b.LinearExtrapolation, h.Step, now);
            }
            if (h.Acceptance is { } verdict)
            {
                points.Add(new MetricPoint("acceptance/accepted", verdict.Accepted ? 1 : 0, h.Step, now));
                if (verdict.Loss is { } acceptanceLoss)
                    points.Add(new MetricPoint("acceptance/loss", acceptanceLoss, h.Step, now));
                if (verdict.ObservedLoss is { } observedLoss)
                    points.Add(new MetricPoint("acceptance/observed_loss", observedLoss, h.Step, now));
            }
            if (h.Loss is { } loss)
            {
                points.Add(new MetricPoint("loss/forecast", loss.Forecast, h.Step, now));
                points.Add(new MetricPoint("loss/observed", loss.Observed, h.Step, now));
                if (loss.Actual is { } actual)
                    points.Add(new MetricPoint("loss/actual", actual, h.Step, now));
            }
        }
        return points;
    }

    private static void Add(List<MetricPoint> points, string prefix, ErrorMetrics m, int step, DateTimeOffset now)
    {
        points.Add(new MetricPoint($"{prefix}/mse", m.Mse, step, now));
        points.Add(new MetricPoint($"{prefix}/mae", m.Mae, step, now));
        points.Add(new MetricPoint($"{prefix}/rel_l2", m.RelL2, step, now));
        points.Add(new MetricPoint($"{prefix}/cosine", m.Cosine, step, now));
    }

    // MLflow keys allow [/\w.\- :]; tensor names are dotted words, but be safe.
    private static string Sanitize(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_').ToArray());
}
