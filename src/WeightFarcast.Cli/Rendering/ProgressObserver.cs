using System.Diagnostics;
using System.Globalization;
using WeightFarcast.CiIntegration;
using WeightFarcast.Forecasting;
using WeightFarcast.Job;

namespace WeightFarcast.Cli.Rendering;

/// <summary>Shows the job's progress on stderr: a live, rewritten status line on a terminal; in CI (no terminal,
/// CI / GITHUB_ACTIONS / TF_BUILD) plain log lines at most every few seconds. Warnings also become CI annotations.</summary>
internal sealed class ProgressObserver(TextWriter error, bool live, ICiReporter ci) : IJobObserver
{
    private static readonly TimeSpan CiInterval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private TimeSpan? _lastLine;
    private bool _liveLineOpen;

    public void Stage(string stage, string detail) => Line($"{stage}: {detail}");

    public void Progress(string message) => Throttled(message);

    public void Epoch(EpochProgress p) => Throttled(string.Create(CultureInfo.InvariantCulture,
        $"fit{(p.Group is null ? "" : $" [{p.Group}]")}: epoch {p.Epoch}, train L1 {p.TrainLoss:0.####e+0}, validation L1 {p.ValidationLoss:0.####e+0}, best {p.BestValidationLoss:0.####e+0}"));

    public void Warning(string message)
    {
        Line($"warning: {message}");
        ci.Warning(message);
    }

    private void Throttled(string message)
    {
        lock (_gate)
        {
            if (live)
            {
                var text = message.Length > 119 ? message[..119] : message;
                error.Write($"\r{text,-119}");
                _liveLineOpen = true;
                return;
            }
            if (_lastLine is { } last && _clock.Elapsed - last < CiInterval)
                return;
            _lastLine = _clock.Elapsed;
            error.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {message}");
        }
    }

    private void Line(string message)
    {
        lock (_gate)
        {
            if (_liveLineOpen)
            {
                error.WriteLine();
                _liveLineOpen = false;
            }
            error.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {message}");
        }
    }
}
