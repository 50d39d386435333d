using WeightFarcast.Tracking.Tests.Fakes;
using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>Non-JSON error pages become readable TrackingExceptions.</summary>
public sealed class RestErrorTests : FakeServerTest
{

    [Fact]
    public async Task An_HTML_404_page_becomes_status_and_a_short_text_excerpt()
    {
        Server.Inject("runs/get", ServerFault.Html(404, "404 Not Found"));
        using var client = Tracking.Client(Server.Uri);

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
        Server.Inject("runs/get", new ServerFault.Respond(400, "<html><body>" + new string('x', 50_000) + "</body></html>", "text/html"));
        using var client = Tracking.Client(Server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetRunAsync("r", default));

        Assert.True(error.Message.Length < 500, $"message is {error.Message.Length} characters");
    }

    [Fact]
    public async Task A_plain_text_503_from_a_proxy_is_retried_and_then_described()
    {
        Tracking.Options.MaxRetries = 1;
        Server.Inject("runs/get", new ServerFault.Respond(503, "Service Unavailable: artifact serving disabled", "text/plain"), times: 2);
        using var client = Tracking.Client(Server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetRunAsync("r", default));

        Assert.Equal(503, error.StatusCode);
        Assert.Contains("text/plain", error.Message, StringComparison.Ordinal);
        Assert.Contains("artifact serving disabled", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Server.RequestsTo("runs/get").Count);
    }

    [Fact]
    public async Task A_200_with_an_HTML_body_is_an_error_not_a_crash()
    {
        // A misconfigured reverse proxy answering with its login page.
        Server.Inject("experiments/get-by-name", new ServerFault.Respond(200, "<html><title>Sign in</title></html>", "text/html"));
        using var client = Tracking.Client(Server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetExperimentByNameAsync("x", default));

        Assert.Contains("non-JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sign in", error.Message, StringComparison.Ordinal);
    }
}
