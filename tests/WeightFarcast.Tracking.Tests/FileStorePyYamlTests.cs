using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>Our meta.yaml files read with PyYAML itself: the types MLflow's RunInfo/Experiment readers need.</summary>
public sealed class FileStorePyYamlTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly TestTracking _tracking = new();

    [PythonYamlFact]
    public async Task Run_and_experiment_meta_load_with_the_types_MLflow_requires()
    {
        var root = _temp.Combine("mlruns");
        await using var run = await _tracking.Tracker(root).StartRunAsync(TestTracking.Start("py'yaml: check", "name with\nnewline, 'quotes' and ünïcode"), default);

        var running = PythonYaml.Load(Path.Combine(root, run.ExperimentId, run.RunId, "meta.yaml"));
        Assert.Equal("NoneType", running["end_time"].Type);

        await run.EndAsync(RunStatus.Killed, default);
        var meta = PythonYaml.Load(Path.Combine(root, run.ExperimentId, run.RunId, "meta.yaml"));
        Assert.Equal(("str", run.RunId), (meta["run_id"].Type, meta["run_id"].Value!.GetValue<string>()));
        Assert.Equal(("str", run.RunId), (meta["run_uuid"].Type, meta["run_uuid"].Value!.GetValue<string>()));
        Assert.Equal(("str", run.ExperimentId), (meta["experiment_id"].Type, meta["experiment_id"].Value!.GetValue<string>()));
        Assert.Equal(("int", 5), (meta["status"].Type, meta["status"].Value!.GetValue<int>()));
        Assert.Equal("int", meta["start_time"].Type);
        Assert.Equal("int", meta["end_time"].Type);
        Assert.Equal(("str", "tester"), (meta["user_id"].Type, meta["user_id"].Value!.GetValue<string>()));
        Assert.Equal("active", meta["lifecycle_stage"].Value!.GetValue<string>());
        Assert.Equal("name with\nnewline, 'quotes' and ünïcode", meta["run_name"].Value!.GetValue<string>());
        Assert.Equal("list", meta["tags"].Type);

        var experiment = PythonYaml.Load(Path.Combine(root, run.ExperimentId, "meta.yaml"));
        Assert.Equal("str", experiment["experiment_id"].Type);
        Assert.Equal("py'yaml: check", experiment["name"].Value!.GetValue<string>());
        var defaultId = PythonYaml.Load(Path.Combine(root, "0", "meta.yaml"))["experiment_id"];
        Assert.Equal(("str", "0"), (defaultId.Type, defaultId.Value!.GetValue<string>()));

        // Our own lookup must read back the quoted name it wrote.
        await using var again = await _tracking.Tracker(root).StartRunAsync(TestTracking.Start("py'yaml: check"), default);
        Assert.Equal(run.ExperimentId, again.ExperimentId);
        await again.EndAsync(RunStatus.Finished, default);
    }

    public void Dispose() => _temp.Dispose();
}
