using System.Text.Json.Nodes;
using WeightFarcast.Tracking.Tests.Fakes;
using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>Experiment get-or-create (including the create race) and a run's life on the server.</summary>
public sealed class RestExperimentAndRunTests : FakeServerTest
{

    [Fact]
    public async Task Create_race_is_resolved_by_looking_the_name_up_again()
    {
        Server.Store.RaceOnCreate = "raced";
        using var client = Tracking.Client(Server.Uri);

        var id = await client.GetOrCreateExperimentAsync("raced", default);

        Assert.Equal((await client.GetExperimentByNameAsync("raced", default))!.ExperimentId, id);
        Assert.Equal(
            ["experiments/get-by-name", "experiments/create", "experiments/get-by-name", "experiments/get-by-name"],
            Server.Requests.Select(r => r.Path["/api/2.0/mlflow/".Length..]));
        Assert.Equal(1, Server.Store.ExperimentCount);
    }

    [Fact]
    public async Task An_existing_experiment_is_reused_without_create()
    {
        using var client = Tracking.Client(Server.Uri);
        var first = await client.GetOrCreateExperimentAsync("reuse", default);
        var second = await client.GetOrCreateExperimentAsync("reuse", default);

        Assert.Equal(first, second);
        Assert.Single(Server.RequestsTo("experiments/create"));
    }

    [Fact]
    public async Task A_run_is_created_tagged_logged_and_finished_once()
    {
        var tracker = Tracking.Tracker(Server.Uri);
        var tags = new Dictionary<string, string> { ["purpose"] = "test" };
        var run = await tracker.StartRunAsync(TestTracking.Start("lifecycle", "first-run", tags), default);

        await run.LogParamsAsync(new Dictionary<string, string> { ["lr"] = "0.01" }, default);
        await run.SetTagsAsync(new Dictionary<string, string> { ["stage"] = "train", ["mlflow.runName"] = "renamed" }, default);
        await run.LogMetricsAsync([new MetricPoint("loss", 0.5, 1, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500))], default);
        await run.EndAsync(RunStatus.Finished, default);
        await run.EndAsync(RunStatus.Failed, default);
        await run.DisposeAsync();

        var create = JsonNode.Parse(Server.RequestsTo("runs/create").Single().Body)!;
        Assert.Equal(1_700_000_000_000, create["start_time"]!.GetValue<long>());
        Assert.Equal("first-run", create["run_name"]!.GetValue<string>());
        var stored = Server.Store.Run(run.RunId);
        Assert.Equal("test", stored.Tags["purpose"]);
        Assert.Equal("tester", stored.Tags["mlflow.user"]);
        Assert.Equal("LOCAL", stored.Tags["mlflow.source.type"]);
        Assert.Equal("train", stored.Tags["stage"]);
        Assert.Equal("renamed", stored.RunName);
        Assert.Single(Server.RequestsTo("runs/set-tag"));
        Assert.Equal("0.01", stored.Params["lr"]);
        Assert.Equal("FINISHED", stored.Status);
        Assert.NotNull(stored.EndTime);
        Assert.Single(Server.RequestsTo("runs/update"));
        Assert.Equal($"{Server.Uri}/#/experiments/{run.ExperimentId}/runs/{run.RunId}", run.Location);
        Assert.StartsWith("mlflow-artifacts:/", run.ArtifactUri);
        Assert.Empty(Tracking.Warnings);
    }

    [Fact]
    public async Task Get_run_reads_info_from_run_uuid_and_latest_metrics()
    {
        using var client = Tracking.Client(Server.Uri);
        var experiment = await client.GetOrCreateExperimentAsync("get", default);
        var info = await client.CreateRunAsync(experiment, "g", 42, "tester", new Dictionary<string, string>(), default);
        await client.LogBatchAsync(info.RunId,
            [new MetricPoint("a", 1, 0, DateTimeOffset.FromUnixTimeMilliseconds(5)), new MetricPoint("a", double.NaN, 1, DateTimeOffset.FromUnixTimeMilliseconds(6))],
            new Dictionary<string, string> { ["p"] = "v" }, new Dictionary<string, string>(), default);

        var run = await client.GetRunAsync(info.RunId, default);

        Assert.Equal(info.RunId, run.Info.RunId);
        Assert.Equal(RunStatus.Running, run.Info.Status);
        Assert.Null(run.Info.EndTime);
        Assert.Equal(42, run.Info.StartTime);
        Assert.True(double.IsNaN(Assert.Single(run.LatestMetrics).Value));
        Assert.Equal("v", run.Params["p"]);
    }

    [Fact]
    public async Task Ending_with_a_non_terminal_status_is_refused()
    {
        await using var run = await Tracking.Tracker(Server.Uri).StartRunAsync(TestTracking.Start("status"), default);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => run.EndAsync(RunStatus.Running, default));
        await run.EndAsync(RunStatus.Killed, default);
        Assert.Equal("KILLED", Server.Store.Run(run.RunId).Status);
    }
}
