using System.Net.Http.Headers;

namespace WeightFarcast.Tracking.Tests;

/// <summary>The backoff schedule of mlflow.md §1.8 and Retry-After parsing.</summary>
public sealed class RetryPolicyTests
{
    private readonly TrackingOptions _options = new();

    [Fact]
    public void Backoff_is_zero_then_doubling_from_4s_capped_at_120s()
    {
        var policy = new RetryPolicy(_options, () => 0);
        Assert.Equal([0, 4, 8, 16, 32, 64, 120, 120], Enumerable.Range(1, 8).Select(n => policy.Backoff(n).TotalSeconds));
    }

    [Fact]
    public void Jitter_adds_up_to_one_second()
    {
        var policy = new RetryPolicy(_options, () => 0.5);
        Assert.Equal(TimeSpan.FromSeconds(4.5), policy.Backoff(2));
    }

    [Fact]
    public void Retry_After_accepts_seconds_and_dates_and_is_clamped()
    {
        var policy = new RetryPolicy(_options, () => 0);
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), now));
        Assert.Equal(TimeSpan.FromSeconds(30), policy.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(30)), now));
        Assert.Equal(TimeSpan.Zero, policy.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(-30)), now));
        Assert.Equal(_options.RetryAfterMax, policy.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromHours(2)), now));
        Assert.Null(policy.RetryAfter(null, now));
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(501, false)]
    public void Transient_statuses(int status, bool transient) =>
        Assert.Equal(transient, RetryPolicy.IsTransient(status));
}
