using System.Text;
using WeightFarcast.Tracking.Tests.Fakes;
using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>Basic and Bearer credentials from the environment, and that no credential ever shows up in error text.</summary>
public sealed class RestAuthenticationTests : FakeServerTest
{
    private const string User = "alice";
    private const string Password = "s3cr3t-P4ss";
    private const string Token = "tok-9f8e7d6c5b4a";

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public async Task Username_and_password_send_Basic_on_every_request()
    {
        Tracking.Variables["MLFLOW_TRACKING_USERNAME"] = User;
        Tracking.Variables["MLFLOW_TRACKING_PASSWORD"] = Password;
        Tracking.Variables["MLFLOW_TRACKING_TOKEN"] = Token;
        Server.RequiredAuthorization = Basic(User, Password);

        await using var run = await Tracking.Tracker(Server.Uri).StartRunAsync(TestTracking.Start("auth"), default);
        await run.LogArtifactAsync(WriteTempFile("a.txt"), null, default);
        await run.EndAsync(RunStatus.Finished, default);

        Assert.All(Server.Requests, r => Assert.Equal(Basic(User, Password), r.Authorization));
    }

    [Fact]
    public async Task A_token_alone_sends_Bearer()
    {
        Tracking.Variables["MLFLOW_TRACKING_TOKEN"] = Token;
        Server.RequiredAuthorization = "Bearer " + Token;
        using var client = Tracking.Client(Server.Uri);

        await client.GetOrCreateExperimentAsync("bearer", default);

        Assert.All(Server.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
    }

    [Fact]
    public async Task No_credentials_send_no_header()
    {
        using var client = Tracking.Client(Server.Uri);
        await client.GetExperimentByNameAsync("anon", default);
        Assert.Null(Assert.Single(Server.Requests).Authorization);
    }

    [Fact]
    public async Task User_info_in_the_URI_is_used_as_Basic_and_never_printed()
    {
        Server.RequiredAuthorization = Basic(User, Password);
        var uri = $"http://{User}:{Password}@127.0.0.1:{Server.Port}";
        var tracker = Tracking.Tracker(uri);

        await using var run = await tracker.StartRunAsync(TestTracking.Start("userinfo"), default);
        await run.EndAsync(RunStatus.Finished, default);

        Assert.DoesNotContain(Password, run.Location, StringComparison.Ordinal);
        Assert.All(Server.Requests, r => Assert.Equal(Basic(User, Password), r.Authorization));
    }

    [Fact]
    public async Task A_401_names_the_status_but_no_credential()
    {
        Tracking.Variables["MLFLOW_TRACKING_USERNAME"] = User;
        Tracking.Variables["MLFLOW_TRACKING_PASSWORD"] = Password;
        Server.RequiredAuthorization = Basic(User, "the-right-one");
        using var client = Tracking.Client(Server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetExperimentByNameAsync("x", default));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal(TrackingFailureKind.Rejected, error.Kind);
        AssertNoSecret(error, Password, Basic(User, Password), Basic(User, Password)["Basic ".Length..]);
    }

    [Fact]
    public async Task Secrets_echoed_by_the_server_are_scrubbed_from_the_error()
    {
        Tracking.Variables["MLFLOW_TRACKING_TOKEN"] = Token;
        var echo = $"<html><body>Bad header: Authorization: Bearer {Token} (token {Token})</body></html>";
        Server.Inject("experiments/get-by-name", new ServerFault.Respond(400, echo, "text/html"));
        using var client = Tracking.Client(Server.Uri);

        var error = await Assert.ThrowsAsync<TrackingException>(() => client.GetExperimentByNameAsync("x", default));

        Assert.Contains("Bad header", error.Message, StringComparison.Ordinal);
        AssertNoSecret(error, Token);
    }

    [Fact]
    public async Task Connection_failures_with_credentials_do_not_leak_them_in_fallback_warnings()
    {
        Tracking.Variables["MLFLOW_TRACKING_USERNAME"] = User;
        Tracking.Variables["MLFLOW_TRACKING_PASSWORD"] = Password;
        using var temp = new TempFolder();
        Tracking.Options.FallbackFolder = temp.Combine("fallback");
        var uri = $"http://{User}:{Password}@127.0.0.1:{FakeMlflowServer.UnusedPort()}";

        await using var run = await Tracking.Tracker(uri).StartRunAsync(TestTracking.Start("down"), default);
        await run.EndAsync(RunStatus.Finished, default);

        var warning = Assert.Single(Tracking.Warnings);
        Assert.DoesNotContain(Password, warning, StringComparison.Ordinal);
        Assert.Contains(temp.Combine("fallback"), warning, StringComparison.Ordinal);
    }

    private static void AssertNoSecret(Exception error, params string[] secrets)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, e.ToString(), StringComparison.Ordinal);
            }
        }
    }

    private static string WriteTempFile(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wf-auth-{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, "artifact");
        return path;
    }
}
