using System.Globalization;
using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>
/// Round trip against a real MLflow server (opt-in: set WEIGHTFARCAST_TEST_MLFLOW_URI, for example
/// http://127.0.0.1:5000 after `mlflow server --port 5000`). Credentials come from the usual MLFLOW_* variables.
/// </summary>
public sealed class RealMlflowServerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [MlflowServerFact]
    public async Task A_full_run_round_trips_through_a_real_server()
    {
        var options = new TrackingOptions { Uri = MlflowServerFactAttribute.Uri, RequestTimeout = TimeSpan.FromSeconds(30), MaxRetries = 2 };
        var environment = TrackingEnvironment.FromProcess();
        var tracker = Assert.IsType<RestTracker>(TrackerFactory.Create(options, environment));
        var experiment = "weightfarcast-tests-" + DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        await using var run = await tracker.StartRunAsync(new RunStart(experiment, "round-trip"), default);
        var parameters = Enumerable.Range(0, 150).ToDictionary(i => $"p{i}", i => i.ToString(CultureInfo.InvariantCulture));
        await run.LogParamsAsync(parameters, default);
        await run.LogParamsAsync(new Dictionary<string, string> { ["p0"] = "0" }, default);
        var now = DateTimeOffset.UtcNow;
        var metrics = Enumerable.Range(0, 2500).Select(i => new MetricPoint("loss", i == 7 ? double.NaN : 1.0 / (i + 1), i, now.AddMilliseconds(i))).ToList();
        await run.LogMetricsAsync(metrics, default);
        await run.SetTagsAsync(new Dictionary<string, string> { ["stage"] = "test" }, default);
        await run.LogArtifactAsync(_temp.File("hello.txt", "hello"), "dir", default);

        var conflict = await Assert.ThrowsAsync<TrackingException>(() => run.LogParamsAsync(new Dictionary<string, string> { ["p0"] = "changed" }, default));
        Assert.Contains("p0", conflict.Message, StringComparison.Ordinal);

        await run.EndAsync(RunStatus.Finished, default);

        var client = tracker.Client;
        var stored = await client.GetRunAsync(run.RunId, default);
        Assert.Equal(RunStatus.Finished, stored.Info.Status);
        Assert.NotNull(stored.Info.EndTime);
        Assert.Equal(150, stored.Params.Count);
        Assert.Equal("test", stored.Tags["stage"]);
        Assert.Equal("round-trip", stored.Tags["mlflow.runName"]);
        var history = await client.GetMetricHistoryAsync(run.RunId, "loss", null, default);
        Assert.Equal(2500, history.Count);
        Assert.True(double.IsNaN(history.Single(p => p.Step == 7).Value));
        Assert.Equal("hello"u8.ToArray(), await client.DownloadArtifactAsync(run.ArtifactUri!, "dir/hello.txt", default));
        Assert.Contains(await client.ListArtifactsAsync(run.ArtifactUri!, "dir", default), e => e.Path == "dir/hello.txt");
        Assert.Equal(run.ExperimentId, await client.GetOrCreateExperimentAsync(experiment, default));
    }

    public void Dispose() => _temp.Dispose();
}
