namespace WeightFarcast.Tracking;

/// <summary>
/// What the trackers need from the outside world, passed in so tests and hosts control it:
/// environment lookup (credentials, TLS), warnings, waiting between retries, and the clock.
/// </summary>
public sealed class TrackingEnvironment
{
    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>Receives warnings (fallback used, run disposed without EndAsync). Text is already redacted.</summary>
    public Action<string> Warn { get; init; } = _ => { };

    /// <summary>Waits between retries; tests record the requested delays instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The real process environment, with warnings sent to <paramref name="warn"/>.</summary>
    public static TrackingEnvironment FromProcess(Action<string>? warn = null) => new()
    {
        GetVariable = Environment.GetEnvironmentVariable,
        Warn = warn ?? (_ => { }),
    };

    internal long NowMs() => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
