using WeightFarcast.Tracking.Tests.Fakes;
using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>Artifacts through the proxy (PUT/GET/list), file: artifact roots written directly, and unsupported schemes.</summary>
public sealed class RestArtifactTests : FakeServerTest
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Proxy_upload_lands_under_the_runs_artifact_path_and_can_be_listed_and_downloaded()
    {
        var tracker = (RestTracker)Tracking.Tracker(Server.Uri);
        await using var run = await tracker.StartRunAsync(TestTracking.Start("artifacts"), default);

        await run.LogArtifactAsync(_temp.File("hello.txt", "hello world"), "dir", default);
        await run.LogArtifactAsync(_temp.File("top.bin", "top"), null, default);
        await run.EndAsync(RunStatus.Finished, default);

        var key = $"{run.ExperimentId}/{run.RunId}/artifacts/dir/hello.txt";
        Assert.Equal("hello world", System.Text.Encoding.UTF8.GetString(Server.Store.Artifacts[key]));
        var put = Server.RequestsTo("dir/hello.txt").Single();
        Assert.Equal("PUT", put.Method);
        Assert.Equal($"/api/2.0/mlflow-artifacts/artifacts/{key}", put.Path);
        Assert.Equal("application/octet-stream", put.ContentType);

        var client = tracker.Client;
        var root = await client.ListArtifactsAsync(run.ArtifactUri!, null, default);
        Assert.Equal([new ArtifactEntry("dir", true, null), new ArtifactEntry("top.bin", false, 3)], root.OrderBy(e => e.Path));
        Assert.Equal([new ArtifactEntry("dir/hello.txt", false, 11)], await client.ListArtifactsAsync(run.ArtifactUri!, "dir", default));
        Assert.Equal("hello world"u8.ToArray(), await client.DownloadArtifactAsync(run.ArtifactUri!, "dir/hello.txt", default));
    }

    [Fact]
    public async Task A_retried_upload_resends_the_whole_file()
    {
        Server.Inject("big.bin", ServerFault.Json(503, "TEMPORARILY_UNAVAILABLE"));
        await using var run = await Tracking.Tracker(Server.Uri).StartRunAsync(TestTracking.Start("artifacts"), default);
        var file = _temp.File("big.bin", new string('b', 100_000));

        await run.LogArtifactAsync(file, null, default);

        var puts = Server.RequestsTo("big.bin");
        Assert.Equal(2, puts.Count);
        Assert.All(puts, p => Assert.Equal(100_000, p.Body.Length));
        await run.EndAsync(RunStatus.Finished, default);
    }

    [Fact]
    public async Task A_missing_artifact_download_is_the_servers_500_reported_after_retries()
    {
        Tracking.Options.MaxRetries = 0;
        var tracker = (RestTracker)Tracking.Tracker(Server.Uri);
        await using var run = await tracker.StartRunAsync(TestTracking.Start("artifacts"), default);

        var error = await Assert.ThrowsAsync<TrackingException>(() => tracker.Client.DownloadArtifactAsync(run.ArtifactUri!, "nope.txt", default));

        Assert.Equal(500, error.StatusCode);
        Assert.Contains("No such file", error.Message, StringComparison.Ordinal);
        await run.EndAsync(RunStatus.Finished, default);
    }

    [Fact]
    public async Task A_file_artifact_root_is_written_directly()
    {
        Server.Store.ArtifactUriFormat = new Uri(_temp.Combine("server-artifacts")).AbsoluteUri + "/{0}/{1}/artifacts";
        await using var run = await Tracking.Tracker(Server.Uri).StartRunAsync(TestTracking.Start("local-artifacts"), default);

        await run.LogArtifactAsync(_temp.File("model.txt", "weights"), "models", default);

        var written = _temp.Combine("server-artifacts", run.ExperimentId, run.RunId, "artifacts", "models", "model.txt");
        Assert.Equal("weights", File.ReadAllText(written));
        Assert.Empty(Server.RequestsTo("model.txt"));
        await run.EndAsync(RunStatus.Finished, default);
    }

    [Fact]
    public async Task An_s3_artifact_root_fails_clearly()
    {
        Server.Store.ArtifactUriFormat = "s3://bucket/{0}/{1}/artifacts";
        await using var run = await Tracking.Tracker(Server.Uri).StartRunAsync(TestTracking.Start("s3"), default);

        var error = await Assert.ThrowsAsync<TrackingException>(() => run.LogArtifactAsync(_temp.File("x.txt", "x"), null, default));

        Assert.Equal(TrackingFailureKind.Unsupported, error.Kind);
        Assert.Contains("'s3:'", error.Message, StringComparison.Ordinal);
        await run.EndAsync(RunStatus.Finished, default);
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc")]
    [InlineData("a/./b")]
    public async Task Escaping_artifact_directories_are_refused(string directory)
    {
        await using var run = await Tracking.Tracker(Server.Uri).StartRunAsync(TestTracking.Start("paths"), default);
        var error = await Assert.ThrowsAsync<TrackingException>(() => run.LogArtifactAsync(_temp.File("x.txt", "x"), directory, default));
        Assert.Equal(TrackingFailureKind.InvalidInput, error.Kind);
        Assert.Empty(Server.RequestsTo("x.txt"));
        await run.EndAsync(RunStatus.Finished, default);
    }

    public override async Task DisposeAsync()
    {
        _temp.Dispose();
        await base.DisposeAsync();
    }
}
