using System.Diagnostics;
using WeightFarcast.Tracking.Tests.Fakes;
using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>Retries, backoff, Retry-After, timeouts and connection failures against the fake server.</summary>
public sealed class RestRetryTests : FakeServerTest
{

    [Fact]
    public async Task Transient_500s_are_retried_with_exponential_backoff_then_succeed()
    {
        Server.Inject("experiments/get-by-name", ServerFault.Json(500, "INTERNAL_ERROR"), times: 3);
        using var client = Tracking.Client(Server.Uri);

        var id = await client.GetOrCreateExperimentAsync("retried", default);

        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(4, Server.RequestsTo("experiments/get-by-name").Count);
        // urllib3 with backoff_factor 2: no wait before the first retry, then 2*2^(n-1) (jitter is 0 here).
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], Tracking.Delay.Delays);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Every_transient_status_is_retried(int status)
    {
        Server.Inject("experiments/get-by-name", ServerFault.Html(status, $"Error {status}"));
        using var client = Tracking.Client(Server.Uri);

        Assert.Null(await client.GetExperimentByNameAsync("missing", default));
        Assert.Equal(2, Server.RequestsTo("experiments/get-by-name").Count);
    }

    [Fact]
    public async Task Retry_After_on_429_is_the_wait_used()
    {
        var headers = new Dictionary<string, string> { ["Retry-After"] = "7" };
        Server.Inject("experiments/get-by-name", new ServerFault.Respond(429, """{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}""", Headers: headers), times: 2);
        using var client = Tracking.Client(Server.Uri);

        await client.GetExperimentByNameAsync("throttled", default);

        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)], Tracking.Delay.Delays);
    }

    [Fact]
    public async Task Giving_up_reports_attempts_status_and_error_code()
    {
        Server.Inject("runs/get", ServerFault.Json(503, "TEMPORARILY_UNAVAILABLE", "try later"), times: 10);
        using var client = Tracking.Client(Server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetRunAsync("abc", default));

        Assert.Equal(TrackingFailureKind.Unavailable, error.Kind);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal("TEMPORARILY_UNAVAILABLE", error.ErrorCode);
        Assert.Contains("after 4 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("try later", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, Server.RequestsTo("runs/get").Count);
        Assert.Equal(3, Tracking.Delay.Delays.Count);
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        using var client = Tracking.Client(Server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetRunAsync("nope", default));

        Assert.Equal(TrackingFailureKind.Rejected, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", error.ErrorCode);
        Assert.Single(Server.RequestsTo("runs/get"));
        Assert.Empty(Tracking.Delay.Delays);
    }

    [Fact]
    public async Task A_slow_response_times_out_and_the_retry_succeeds()
    {
        // A 1 s timeout against a 10 s stall: wide enough that the retry's normal answer arrives in time even while the
        // other test assemblies load both cores (300 ms was not: the retry timed out too, CI run of 2026-12-04).
        Tracking.Options.RequestTimeout = TimeSpan.FromSeconds(1);
        Server.Inject("experiments/get-by-name", new ServerFault.Stall(TimeSpan.FromSeconds(10)));
        using var client = Tracking.Client(Server.Uri);
        var clock = Stopwatch.StartNew();

        Assert.Null(await client.GetExperimentByNameAsync("slow", default));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        Assert.Equal(2, Server.RequestsTo("experiments/get-by-name").Count);
        Assert.Single(Tracking.Delay.Delays);
    }

    [Fact]
    public async Task Timeouts_every_time_end_in_an_Unavailable_error_that_says_so()
    {
        Tracking.Options.RequestTimeout = TimeSpan.FromMilliseconds(200);
        Tracking.Options.MaxRetries = 1;
        Server.Inject("experiments/get-by-name", new ServerFault.Stall(TimeSpan.FromSeconds(2)), times: 2);
        using var client = Tracking.Client(Server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetExperimentByNameAsync("slow", default));

        Assert.Equal(TrackingFailureKind.Unavailable, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.Contains("no response within 0.2 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_refused_is_retried_then_reported()
    {
        using var client = Tracking.Client($"http://127.0.0.1:{FakeMlflowServer.UnusedPort()}");

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetExperimentByNameAsync("x", default));

        Assert.Equal(TrackingFailureKind.Unavailable, error.Kind);
        Assert.Contains("connection failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, Tracking.Delay.Delays.Count);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_retried()
    {
        using var client = Tracking.Client(Server.Uri);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetExperimentByNameAsync("x", cts.Token));
        Assert.Empty(Tracking.Delay.Delays);
    }
}
