using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>Writes runs with the file store and checks the tree against mlflow.md Part 2 using an independent reader.</summary>
public sealed class FileStoreGoldenTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestTracking _tracking = new();

    [Fact]
    public async Task Finished_run_has_every_key_MLflow_2_and_3_readers_require()
    {
        var root = _temp.Combine("mlruns");
        var tracker = _tracking.Tracker(root);
        var tags = new Dictionary<string, string> { ["team"] = "o'brien" };
        await using var run = await tracker.StartRunAsync(TestTracking.Start("golden", "handmade-run", tags), default);

        await run.LogParamsAsync(new Dictionary<string, string> { ["lr"] = "0.01", ["optim/name"] = "adam" }, default);
        await run.LogMetricsAsync(
        [
            new MetricPoint("loss", 0.9, 0, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_001_000)),
            new MetricPoint("loss", double.NaN, 1, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_002_000)),
            new MetricPoint("loss", 1e-05, 2, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_003_000)),
            new MetricPoint("eval/acc", double.PositiveInfinity, 3, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_004_000)),
            new MetricPoint("eval/acc", double.NegativeInfinity, 4, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_005_000)),
        ], default);
        await run.LogArtifactAsync(_temp.File("hello.txt", "hi"), null, default);
        await run.LogArtifactAsync(_temp.File("n.txt", "n"), "sub/deeper", default);

        var runFolder = Path.Combine(root, run.ExperimentId, run.RunId);
        var running = MlrunsRules.ReadMeta(Path.Combine(runFolder, "meta.yaml"));
        Assert.True(running["end_time"].IsNull);
        Assert.Equal(1, running["status"].Integer);

        await run.EndAsync(RunStatus.Finished, default);

        var meta = MlrunsRules.ReadMeta(Path.Combine(runFolder, "meta.yaml"));
        foreach (var key in MlrunsRules.RunMetaRequired2x.Union(MlrunsRules.RunMetaRequired3x))
            Assert.True(meta.ContainsKey(key), $"run meta.yaml lacks required key {key}");
        Assert.True(meta["run_id"].IsSingleQuoted);
        Assert.True(meta["run_uuid"].IsSingleQuoted);
        Assert.True(meta["experiment_id"].IsSingleQuoted);
        Assert.Equal(run.RunId, meta["run_id"].Text);
        Assert.Equal(run.RunId, meta["run_uuid"].Text);
        Assert.Matches("^[0-9a-f]{32}$", run.RunId);
        Assert.Equal(run.ExperimentId, meta["experiment_id"].Text);
        Assert.True(meta["status"].IsInteger, "status must be an integer");
        Assert.Equal(3, meta["status"].Integer);
        Assert.True(meta["end_time"].IsInteger);
        Assert.True(meta["end_time"].Integer >= meta["start_time"].Integer);
        Assert.Equal(1_700_000_000_000, meta["start_time"].Integer);
        Assert.Equal("active", meta["lifecycle_stage"].Text);
        Assert.Equal("tester", meta["user_id"].Text);
        Assert.Equal("handmade-run", meta["run_name"].Text);
        Assert.Equal(4, meta["source_type"].Integer);
        Assert.Equal("[]", meta["tags"].Raw);
        var artifactUri = meta["artifact_uri"].Text;
        Assert.Equal(new Uri(Path.Combine(runFolder, "artifacts")).AbsoluteUri, artifactUri);
        Assert.StartsWith("file:///", artifactUri);
        Assert.Equal(artifactUri, run.ArtifactUri);

        var metrics = MlrunsRules.KeyFiles(runFolder, "metrics");
        Assert.Equal(["eval/acc", "loss"], metrics.Keys.Order());
        var loss = MlrunsRules.ReadMetric(metrics["loss"]);
        Assert.Equal(3, loss.Count);
        Assert.Equal((1_700_000_001_000L, 0.9, 0L), loss[0]);
        Assert.True(double.IsNaN(loss[1].Value));
        Assert.Equal(1e-05, loss[2].Value);
        var acc = MlrunsRules.ReadMetric(metrics["eval/acc"]);
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity], acc.Select(p => p.Value));
        Assert.Equal("1700000001000 0.9 0\n1700000002000 NaN 1\n1700000003000 1E-05 2\n", File.ReadAllText(metrics["loss"]));

        var parameters = MlrunsRules.KeyFiles(runFolder, "params");
        Assert.Equal("0.01", MlrunsRules.ReadValue(parameters["lr"]));
        Assert.Equal("adam", MlrunsRules.ReadValue(parameters["optim/name"]));

        var runTags = MlrunsRules.KeyFiles(runFolder, "tags").ToDictionary(t => t.Key, t => MlrunsRules.ReadValue(t.Value));
        Assert.Equal("handmade-run", runTags["mlflow.runName"]);
        Assert.Equal("tester", runTags["mlflow.user"]);
        Assert.Equal("LOCAL", runTags["mlflow.source.type"]);
        Assert.Equal("o'brien", runTags["team"]);

        Assert.Equal("hi", File.ReadAllText(Path.Combine(runFolder, "artifacts", "hello.txt")));
        Assert.Equal("n", File.ReadAllText(Path.Combine(runFolder, "artifacts", "sub", "deeper", "n.txt")));
        Assert.Empty(Directory.EnumerateFiles(runFolder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task New_root_gets_Default_experiment_trash_and_an_18_digit_experiment()
    {
        var root = _temp.Combine("fresh", "mlruns");
        await using var run = await _tracking.Tracker(root).StartRunAsync(TestTracking.Start("my experiment"), default);

        Assert.True(Directory.Exists(Path.Combine(root, ".trash")));
        var defaultMeta = MlrunsRules.ReadMeta(Path.Combine(root, "0", "meta.yaml"));
        Assert.Equal("0", defaultMeta["experiment_id"].Text);
        Assert.True(defaultMeta["experiment_id"].IsSingleQuoted);
        Assert.Equal("Default", defaultMeta["name"].Text);

        Assert.Matches("^[1-9][0-9]{17}$", run.ExperimentId);
        var meta = MlrunsRules.ReadMeta(Path.Combine(root, run.ExperimentId, "meta.yaml"));
        foreach (var key in MlrunsRules.ExperimentMetaRequired)
            Assert.True(meta.ContainsKey(key), $"experiment meta.yaml lacks required key {key}");
        Assert.Equal(run.ExperimentId, meta["experiment_id"].Text);
        Assert.True(meta["experiment_id"].IsSingleQuoted);
        Assert.Equal("my experiment", meta["name"].Text);
        Assert.Equal("active", meta["lifecycle_stage"].Text);
        Assert.Equal(new Uri(Path.Combine(root, run.ExperimentId)).AbsoluteUri, meta["artifact_location"].Text);
        Assert.True(meta["creation_time"].IsInteger);
        Assert.StartsWith(meta["artifact_location"].Text + "/" + run.RunId + "/", run.ArtifactUri);
        await run.EndAsync(RunStatus.Finished, default);
    }

    [Theory]
    [InlineData(RunStatus.Failed, 4)]
    [InlineData(RunStatus.Killed, 5)]
    public async Task End_status_is_written_as_its_proto_integer(RunStatus status, int expected)
    {
        var root = _temp.Combine("mlruns");
        var run = await _tracking.Tracker(root).StartRunAsync(TestTracking.Start("statuses"), default);
        await run.EndAsync(status, default);
        await run.EndAsync(RunStatus.Finished, default);
        await run.DisposeAsync();

        var meta = MlrunsRules.ReadMeta(Path.Combine(root, run.ExperimentId, run.RunId, "meta.yaml"));
        Assert.Equal(expected, meta["status"].Integer);
        Assert.Empty(_tracking.Warnings);
    }

    [Fact]
    public async Task Disposing_without_EndAsync_records_KILLED_and_warns()
    {
        var root = _temp.Combine("mlruns");
        var run = await _tracking.Tracker(root).StartRunAsync(TestTracking.Start("abandoned"), default);
        await run.DisposeAsync();

        var meta = MlrunsRules.ReadMeta(Path.Combine(root, run.ExperimentId, run.RunId, "meta.yaml"));
        Assert.Equal(5, meta["status"].Integer);
        Assert.Contains(_tracking.Warnings, w => w.Contains("KILLED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndAsync_with_a_cancelled_token_still_records_the_status()
    {
        var root = _temp.Combine("mlruns");
        await using var run = await _tracking.Tracker(root).StartRunAsync(TestTracking.Start("cancelled"), default);
        await run.EndAsync(RunStatus.Killed, new CancellationToken(canceled: true));

        var meta = MlrunsRules.ReadMeta(Path.Combine(root, run.ExperimentId, run.RunId, "meta.yaml"));
        Assert.Equal(5, meta["status"].Integer);
    }

    public void Dispose() => _temp.Dispose();
}
