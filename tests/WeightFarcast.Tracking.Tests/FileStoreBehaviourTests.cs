using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>File-store rules beyond the layout: param immutability, tag overwrite, run renames, concurrency, lookup by name.</summary>
public sealed class FileStoreBehaviourTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestTracking _tracking = new();

    private string Root => _temp.Combine("mlruns");

    [Fact]
    public async Task Params_are_immutable_same_value_is_idempotent_and_a_new_value_conflicts()
    {
        await using var run = await _tracking.Tracker(Root).StartRunAsync(TestTracking.Start("params"), default);
        await run.LogParamsAsync(new Dictionary<string, string> { ["lr"] = "0.01" }, default);
        await run.LogParamsAsync(new Dictionary<string, string> { ["lr"] = "0.01" }, default);

        var conflict = await Assert.ThrowsAsync<TrackingException>(() =>
            run.LogParamsAsync(new Dictionary<string, string> { ["lr"] = "0.02" }, default));
        Assert.Equal(TrackingFailureKind.Rejected, conflict.Kind);
        Assert.Equal("INVALID_PARAMETER_VALUE", conflict.ErrorCode);
        Assert.Contains("'lr'", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("0.01", File.ReadAllText(Path.Combine(Root, run.ExperimentId, run.RunId, "params", "lr")));
        await run.EndAsync(RunStatus.Failed, default);
    }

    [Fact]
    public async Task Tags_overwrite_and_renaming_keeps_meta_run_name_in_step()
    {
        await using var run = await _tracking.Tracker(Root).StartRunAsync(TestTracking.Start("tags"), default);
        await run.SetTagsAsync(new Dictionary<string, string> { ["stage"] = "one" }, default);
        await run.SetTagsAsync(new Dictionary<string, string> { ["stage"] = "two", ["mlflow.runName"] = "renamed" }, default);

        var folder = Path.Combine(Root, run.ExperimentId, run.RunId);
        Assert.Equal("two", MlrunsRules.ReadValue(Path.Combine(folder, "tags", "stage")));
        Assert.Equal("renamed", MlrunsRules.ReadMeta(Path.Combine(folder, "meta.yaml"))["run_name"].Text);
        await run.EndAsync(RunStatus.Finished, default);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/abs")]
    [InlineData("a//b")]
    [InlineData("a=b")]
    [InlineData("")]
    [InlineData("trailing/")]
    public async Task Invalid_keys_are_rejected_before_writing_and_the_error_names_the_key(string key)
    {
        await using var run = await _tracking.Tracker(Root).StartRunAsync(TestTracking.Start("keys"), default);
        var error = await Assert.ThrowsAsync<TrackingException>(() =>
            run.LogMetricsAsync([new MetricPoint(key, 1, 0, DateTimeOffset.UnixEpoch)], default));
        Assert.Equal(TrackingFailureKind.InvalidInput, error.Kind);
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Root, run.ExperimentId, run.RunId, "metrics")));
        await run.EndAsync(RunStatus.Finished, default);
    }

    [Fact]
    public async Task Experiment_lookup_by_name_reuses_the_id_and_ignores_other_experiments()
    {
        var tracker = _tracking.Tracker(Root);
        await using var first = await tracker.StartRunAsync(TestTracking.Start("shared"), default);
        await using var other = await tracker.StartRunAsync(TestTracking.Start("other"), default);
        await using var second = await _tracking.Tracker(Root).StartRunAsync(TestTracking.Start("shared"), default);

        Assert.Equal(first.ExperimentId, second.ExperimentId);
        Assert.NotEqual(first.ExperimentId, other.ExperimentId);
        Assert.NotEqual(first.RunId, second.RunId);
        foreach (var run in new[] { first, other, second })
            await run.EndAsync(RunStatus.Finished, default);
    }

    [Fact]
    public async Task Lookup_reads_experiments_MLflow_itself_wrote()
    {
        // PyYAML writes plain scalars and wraps long ones; the lookup must still find the name.
        Directory.CreateDirectory(Path.Combine(Root, "704709761213164336"));
        File.WriteAllText(Path.Combine(Root, "704709761213164336", "meta.yaml"),
            "artifact_location: mlflow-artifacts:/704709761213164336\ncreation_time: 1796412370746\nexperiment_id: '704709761213164336'\n" +
            "last_update_time: 1796412370746\nlifecycle_stage: active\nname: a rather long experiment name that PyYAML wraps\n  onto a second line\n");

        await using var run = await _tracking.Tracker(Root).StartRunAsync(
            TestTracking.Start("a rather long experiment name that PyYAML wraps onto a second line"), default);
        Assert.Equal("704709761213164336", run.ExperimentId);
        await run.EndAsync(RunStatus.Finished, default);
    }

    [Fact]
    public async Task Concurrent_runs_in_one_experiment_share_it_and_keep_their_own_data()
    {
        // A tracker per run, as separate processes would have: only the lock file keeps the experiment single.
        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var run = await _tracking.Tracker(Root).StartRunAsync(TestTracking.Start("parallel", $"run-{i}"), default);
            await Task.WhenAll(Enumerable.Range(0, 20).Select(step => run.LogMetricsAsync(
                [new MetricPoint("loss", i + step / 100.0, step, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + step))], default)));
            await run.LogParamsAsync(new Dictionary<string, string> { ["index"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, default);
            await run.EndAsync(RunStatus.Finished, default);
            return run;
        }));

        Assert.Single(runs.Select(r => r.ExperimentId).Distinct());
        var experimentFolders = Directory.GetDirectories(Root).Select(Path.GetFileName).Where(n => n is not ".trash" and not "0");
        Assert.Single(experimentFolders);
        foreach (var (run, i) in runs.Select((r, i) => (r, i)))
        {
            var folder = Path.Combine(Root, run.ExperimentId, run.RunId);
            var points = MlrunsRules.ReadMetric(Path.Combine(folder, "metrics", "loss"));
            Assert.Equal(Enumerable.Range(0, 20).Select(s => (long)s), points.Select(p => p.Step).Order());
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), MlrunsRules.ReadValue(Path.Combine(folder, "params", "index")));
            Assert.Equal(3, MlrunsRules.ReadMeta(Path.Combine(folder, "meta.yaml"))["status"].Integer);
            await run.DisposeAsync();
        }
    }

    [Fact]
    public async Task Run_name_with_a_newline_round_trips_through_yaml_quoting()
    {
        await using var run = await _tracking.Tracker(Root).StartRunAsync(TestTracking.Start("quoting", "line one\nline 'two'"), default);
        var raw = File.ReadAllText(Path.Combine(Root, run.ExperimentId, run.RunId, "meta.yaml"));
        Assert.Contains("run_name: \"line one\\nline 'two'\"\n", raw, StringComparison.Ordinal);
        await run.EndAsync(RunStatus.Finished, default);
    }

    public void Dispose() => _temp.Dispose();
}
