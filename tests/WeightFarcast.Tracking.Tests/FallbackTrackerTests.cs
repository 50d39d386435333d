using WeightFarcast.Tracking.Tests.Fakes;
using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>When the server fails, runs continue in the local fallback mlruns folder with a warning saying where.</summary>
public sealed class FallbackTrackerTests : FakeServerTest
{
    private readonly TempFolder _temp = new();

    private string Fallback => _temp.Combine("fallback-mlruns");

    [Fact]
    public async Task An_unreachable_server_at_start_records_the_run_locally()
    {
        Tracking.Options.FallbackFolder = Fallback;
        var tracker = Tracking.Tracker($"http://127.0.0.1:{FakeMlflowServer.UnusedPort()}");

        await using var run = await tracker.StartRunAsync(TestTracking.Start("offline"), default);
        await run.LogParamsAsync(new Dictionary<string, string> { ["lr"] = "0.1" }, default);
        await run.EndAsync(RunStatus.Finished, default);

        var folder = Path.Combine(Fallback, run.ExperimentId, run.RunId);
        Assert.Equal(folder, run.Location);
        Assert.Equal(3, MlrunsRules.ReadMeta(Path.Combine(folder, "meta.yaml"))["status"].Integer);
        var warning = Assert.Single(Tracking.Warnings);
        Assert.Contains(folder, warning, StringComparison.Ordinal);
        Assert.Contains("connection failed", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_failing_midway_moves_the_whole_run_to_the_local_folder()
    {
        Tracking.Options.FallbackFolder = Fallback;
        await using var run = await Tracking.Tracker(Server.Uri).StartRunAsync(TestTracking.Start("midway", "mid"), default);
        var serverRunId = run.RunId;
        await run.LogParamsAsync(new Dictionary<string, string> { ["lr"] = "0.1" }, default);
        await run.LogMetricsAsync([new MetricPoint("loss", 1.0, 0, DateTimeOffset.FromUnixTimeMilliseconds(1))], default);
        await run.LogArtifactAsync(_temp.File("early.txt", "early"), null, default);

        Server.Inject("runs/log-batch", ServerFault.Json(500, "INTERNAL_ERROR"), times: 10);
        await run.LogMetricsAsync([new MetricPoint("loss", 0.5, 1, DateTimeOffset.FromUnixTimeMilliseconds(2))], default);
        await run.SetTagsAsync(new Dictionary<string, string> { ["after"] = "yes" }, default);
        await run.EndAsync(RunStatus.Finished, default);

        Assert.NotEqual(serverRunId, run.RunId);
        var folder = Path.Combine(Fallback, run.ExperimentId, run.RunId);
        Assert.Equal(folder, run.Location);
        Assert.Equal("0.1", MlrunsRules.ReadValue(Path.Combine(folder, "params", "lr")));
        Assert.Equal([0L, 1L], MlrunsRules.ReadMetric(Path.Combine(folder, "metrics", "loss")).Select(p => p.Step));
        Assert.Equal("early", File.ReadAllText(Path.Combine(folder, "artifacts", "early.txt")));
        Assert.Equal("yes", MlrunsRules.ReadValue(Path.Combine(folder, "tags", "after")));
        Assert.Equal(serverRunId, MlrunsRules.ReadValue(Path.Combine(folder, "tags", "weightfarcast.fallback.original_run")));
        Assert.Equal(3, MlrunsRules.ReadMeta(Path.Combine(folder, "meta.yaml"))["status"].Integer);
        var warning = Assert.Single(Tracking.Warnings);
        Assert.Contains(folder, warning, StringComparison.Ordinal);
        Assert.Contains(serverRunId, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_input_is_thrown_and_does_not_trigger_the_fallback()
    {
        Tracking.Options.FallbackFolder = Fallback;
        await using var run = await Tracking.Tracker(Server.Uri).StartRunAsync(TestTracking.Start("bad-input"), default);

        await Assert.ThrowsAsync<TrackingException>(() => run.LogParamsAsync(new Dictionary<string, string> { ["../x"] = "1" }, default));
        await run.EndAsync(RunStatus.Failed, default);

        Assert.Empty(Tracking.Warnings);
        Assert.False(Directory.Exists(Fallback));
        Assert.Equal("FAILED", Server.Store.Run(run.RunId).Status);
    }

    [Fact]
    public async Task A_param_conflict_midway_is_thrown_and_the_run_stays_on_the_server()
    {
        Tracking.Options.FallbackFolder = Fallback;
        await using var run = await Tracking.Tracker(Server.Uri).StartRunAsync(TestTracking.Start("conflict"), default);
        await run.LogParamsAsync(new Dictionary<string, string> { ["lr"] = "0.1" }, default);

        var error = await Assert.ThrowsAsync<TrackingException>(() => run.LogParamsAsync(new Dictionary<string, string> { ["lr"] = "0.2" }, default));
        await run.EndAsync(RunStatus.Failed, default);

        Assert.Equal(TrackingFailureKind.Rejected, error.Kind);
        Assert.Empty(Tracking.Warnings);
        Assert.False(Directory.Exists(Fallback));
        Assert.Equal("FAILED", Server.Store.Run(run.RunId).Status);
    }

    [Fact]
    public async Task Without_a_fallback_folder_the_failure_is_thrown()
    {
        var tracker = Tracking.Tracker($"http://127.0.0.1:{FakeMlflowServer.UnusedPort()}");
        var error = await Assert.ThrowsAsync<TrackingException>(() => tracker.StartRunAsync(TestTracking.Start("offline"), default));
        Assert.Equal(TrackingFailureKind.Unavailable, error.Kind);
    }

    public override async Task DisposeAsync()
    {
        _temp.Dispose();
        await base.DisposeAsync();
    }
}
