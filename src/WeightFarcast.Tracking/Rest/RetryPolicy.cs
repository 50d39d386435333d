using System.Net.Http.Headers;

namespace WeightFarcast.Tracking;

/// <summary>
/// MLflow's client retry rules (mlflow.md §1.8): which responses are transient, the urllib3-style
/// exponential backoff with jitter, and Retry-After.
/// </summary>
internal sealed class RetryPolicy(TrackingOptions options, Func<double> random)
{
    private static readonly HashSet<int> TransientStatusCodes = [408, 429, 500, 502, 503, 504];

    public int MaxRetries { get; } = Math.Clamp(options.MaxRetries, 0, 9);

    public static bool IsTransient(int statusCode) => TransientStatusCodes.Contains(statusCode);

    /// <summary>Wait before retry number <paramref name="retry"/> (1-based): none before the first, then factor*2^(n-1) capped, plus jitter.</summary>
    public TimeSpan Backoff(int retry)
    {
        var backoff = retry <= 1
            ? TimeSpan.Zero
            : TimeSpan.FromTicks((long)Math.Min(options.BackoffMax.Ticks, options.BackoffFactor.Ticks * Math.Pow(2, retry - 1)));
        return backoff + TimeSpan.FromTicks((long)(options.BackoffJitter.Ticks * random()));
    }

    /// <summary>The server's Retry-After (seconds or HTTP date), clamped to [0, RetryAfterMax]; null when absent.</summary>
    public TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        if (wait is null)
            return null;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > options.RetryAfterMax ? options.RetryAfterMax : wait;
    }
}
