using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>Which tracker a URI selects, and the none tracker's behaviour.</summary>
public sealed class TrackerFactoryTests
{
    private readonly TestTracking _tracking = new();

    [Theory]
    [InlineData("none", typeof(NoneTracker))]
    [InlineData("NONE", typeof(NoneTracker))]
    [InlineData("./mlruns", typeof(FileStoreTracker))]
    [InlineData("/tmp/somewhere/mlruns", typeof(FileStoreTracker))]
    [InlineData("file:///tmp/mlruns", typeof(FileStoreTracker))]
    [InlineData("http://127.0.0.1:5000", typeof(RestTracker))]
    [InlineData("https://mlflow.example.com/prefix", typeof(RestTracker))]
    public void The_uri_selects_the_back_end(string uri, Type expected) =>
        Assert.IsType(expected, _tracking.Tracker(uri));

    [Fact]
    public void A_server_with_a_fallback_folder_is_wrapped()
    {
        _tracking.Options.FallbackFolder = "/tmp/fallback";
        Assert.IsType<FallbackTracker>(_tracking.Tracker("http://127.0.0.1:5000"));
    }

    [Fact]
    public void No_uri_uses_MLFLOW_TRACKING_URI_and_then_none()
    {
        Assert.IsType<NoneTracker>(_tracking.Tracker(null!));
        _tracking.Variables["MLFLOW_TRACKING_URI"] = "/tmp/from-env";
        var tracker = Assert.IsType<FileStoreTracker>(_tracking.Tracker(""));
        Assert.Equal("/tmp/from-env", tracker.Root);
    }

    [Fact]
    public void File_uris_become_absolute_paths()
    {
        Assert.Equal("/tmp/a b/mlruns", TrackingUri.Parse("file:///tmp/a%20b/mlruns", _ => null).Value);
        Assert.Equal(Path.GetFullPath("rel/mlruns"), TrackingUri.Parse("file:rel/mlruns", _ => null).Value);
    }

    [Theory]
    [InlineData("sqlite:///mlflow.db")]
    [InlineData("postgresql://u@h/db")]
    [InlineData("databricks://profile")]
    public void Unsupported_stores_fail_clearly(string uri)
    {
        var error = Assert.Throws<TrackingException>(() => _tracking.Tracker(uri));
        Assert.Equal(TrackingFailureKind.Unsupported, error.Kind);
        Assert.Contains(uri.Split(':')[0], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_none_tracker_still_returns_a_usable_run()
    {
        await using var run = await _tracking.Tracker("none").StartRunAsync(TestTracking.Start("x"), default);
        await run.LogParamsAsync(new Dictionary<string, string> { ["a"] = "b" }, default);
        await run.LogMetricsAsync([new MetricPoint("m", 1, 0, DateTimeOffset.UnixEpoch)], default);
        await run.SetTagsAsync(new Dictionary<string, string> { ["t"] = "v" }, default);
        await run.LogArtifactAsync("/does/not/matter", null, default);
        await run.EndAsync(RunStatus.Finished, default);
        await run.EndAsync(RunStatus.Finished, default);

        Assert.Matches("^[0-9a-f]{32}$", run.RunId);
        Assert.Null(run.ArtifactUri);
        Assert.Contains("none", run.Location, StringComparison.Ordinal);
    }
}
