using WeightFarcast.Tracking.Tests.Fakes;
using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>Non-JSON error pages become readable TrackingExceptions.</summary>
public sealed class RestErrorTests : IAsyncLifetime
{
    private readonly FakeMlflowServer _server = new();
    private readonly TestTracking _tracking = new();

    [Fact]
    public async Task An_HTML_404_page_becomes_status_and_a_short_text_excerpt()
    {
        _server.Inject("runs/get", ServerFault.Html(404, "404 Not Found"));
        using var client = _tracking.Client(_server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetRunAsync("r", default));

        Assert.Equal(404, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("text/html", error.Message, StringComparison.Ordinal);
        Assert.Contains("404 Not Found", error.Message, StringComparison.Ordinal);
        Assert.Contains("could not handle the request", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("color:red", error.Message, StringComparison.Ordinal);
        Assert.Contains("/api/2.0/mlflow/runs/get", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_error_page_is_cut_to_an_excerpt()
    {
        _server.Inject("runs/get", new ServerFault.Respond(400, "<html><body>" + new string('x', 50_000) + "</body></html>", "text/html"));
        using var client = _tracking.Client(_server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetRunAsync("r", default));

        Assert.True(error.Message.Length < 500, $"message is {error.Message.Length} characters");
    }

    [Fact]
    public async Task A_plain_text_503_from_a_proxy_is_retried_and_then_described()
    {
        _tracking.Options.MaxRetries = 1;
        _server.Inject("runs/get", new ServerFault.Respond(503, "Service Unavailable: artifact serving disabled", "text/plain"), times: 2);
        using var client = _tracking.Client(_server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetRunAsync("r", default));

        Assert.Equal(503, error.StatusCode);
        Assert.Contains("text/plain", error.Message, StringComparison.Ordinal);
        Assert.Contains("artifact serving disabled", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _server.RequestsTo("runs/get").Count);
    }

    [Fact]
    public async Task A_200_with_an_HTML_body_is_an_error_not_a_crash()
    {
        // A misconfigured reverse proxy answering with its login page.
        _server.Inject("experiments/get-by-name", new ServerFault.Respond(200, "<html><title>Sign in</title></html>", "text/html"));
        using var client = _tracking.Client(_server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetExperimentByNameAsync("x", default));

        Assert.Contains("non-JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sign in", error.Message, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
