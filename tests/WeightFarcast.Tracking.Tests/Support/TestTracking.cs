using System.Collections.Concurrent;

namespace WeightFarcast.Tracking.Tests.Support;

/// <summary>Options and environment for tests: fake env variables, recorded delays and warnings, short timeouts.</summary>
public sealed class TestTracking
{
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public RecordingDelay Delay { get; } = new();

    public ConcurrentQueue<string> Warnings { get; } = new();

    public TrackingOptions Options { get; } = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(5),
        MaxRetries = 3,
        BackoffJitter = TimeSpan.Zero,
        User = "tester",
    };

    public TrackingEnvironment Environment => new()
    {
        GetVariable = name => Variables.GetValueOrDefault(name),
        Warn = Warnings.Enqueue,
        Delay = Delay.Wait,
    };

    public MlflowRestClient Client(string uri) => new(uri, Options, Environment);

    public ITracker Tracker(string uri)
    {
        Options.Uri = uri;
        return TrackerFactory.Create(Options, Environment);
    }

    public static RunStart Start(string experiment, string? runName = "r1", IReadOnlyDictionary<string, string>? tags = null) =>
        new(experiment, runName, tags ?? new Dictionary<string, string>(), DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
}
