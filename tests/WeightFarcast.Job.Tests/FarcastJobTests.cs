using System.Text.Json.Nodes;
using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Trajectories;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Tests;

/// <summary>The real job (real checkpoints, real TorchSharp fitting, real mlruns store) on the PyTorch digits trajectories.</summary>
public class FarcastJobTests
{
    [Fact]
    public async Task Digits_forecast_beats_persistence_and_linear_extrapolation_at_every_horizon()
    {
        using var kit = new JobTestKit();
        var result = await kit.RunAsync(kit.WriteConfig());

        Assert.Equal([400, 800, 1500], result.Report.Horizons.Select(h => h.Step));
        foreach (var h in result.Report.Horizons)
        {
            Assert.True(h.ActualAvailable);
            Assert.True(h.Forecast!.Mse < h.Baselines!.Persistence.Mse, $"step {h.Step}: forecast {h.Forecast.Mse} vs persistence {h.Baselines.Persistence.Mse}");
            Assert.True(h.Forecast.Mse < h.Baselines.LinearExtrapolation.Mse, $"step {h.Step}: forecast {h.Forecast.Mse} vs linear {h.Baselines.LinearExtrapolation.Mse}");
            Assert.Equal(6, h.Tensors!.Count);
        }
        Assert.All(result.ForecastPaths, p => Assert.True(File.Exists(p)));
        Assert.Equal(["plan", "sample", "fit", "apply", "track"], kit.Observer.Stages);
        Assert.True(kit.Observer.Epochs.Count >= 6, "early stopping needs at least patience + 1 epochs");
        // Every epoch has been reported by the time the job returns (Progress<T> used to deliver the last ones later).
        Assert.Equal(result.Report.Fit.Epochs, kit.Observer.Epochs.Count);

        // report.json has the documented shape
        var json = JsonNode.Parse(File.ReadAllText(result.ReportJsonPath))!;
        var first = json["horizons"]![0]!;
        Assert.Equal(400, (int)first["step"]!);
        Assert.NotNull(first["forecast"]!["rel_l2"]);
        Assert.NotNull(first["baselines"]!["persistence"]!["cosine"]);
        Assert.NotNull(first["baselines"]!["linear_extrapolation"]!["mse"]);
        Assert.Equal(6, first["tensors"]!.AsArray().Count);
        Assert.True((int)json["fit"]!["epochs"]! > 0);
        Assert.NotNull(json["timings"]!["peak_memory_mib"]);

        // Forecast files carry the input's tensors and our provenance.
        using var forecast = CheckpointReader.Open(result.ForecastPaths[0]);
        Assert.Equal("400", forecast.Metadata["weightfarcast.horizon_step"]);
        Assert.Equal("pt", forecast.Metadata["format"]);
        Assert.Equal(["l1.bias", "l1.weight", "l2.bias", "l2.weight", "l3.bias", "l3.weight"], forecast.Tensors.Select(t => t.Name).Order());

        // The run is in the embedded MLflow store, finished, with metrics per horizon.
        var runFolder = Directory.GetDirectories(Path.Combine(kit.Root, "mlruns")).Where(d => !d.EndsWith(".trash", StringComparison.Ordinal) && Path.GetFileName(d) != "0")
            .SelectMany(Directory.GetDirectories).Single(d => File.Exists(Path.Combine(d, "meta.yaml")));
        Assert.Contains("status: 3", File.ReadAllText(Path.Combine(runFolder, "meta.yaml")), StringComparison.Ordinal);
        var mse = File.ReadAllLines(Path.Combine(runFolder, "metrics", "forecast", "mse"));
        Assert.Equal(["400", "800", "1500"], mse.Select(l => l.Split(' ')[2]));
        Assert.Equal("1E-06", File.ReadAllText(Path.Combine(runFolder, "params", "forecaster.regularizer.lambda")));
        Assert.Equal("cpu", File.ReadAllText(Path.Combine(runFolder, "params", "device.resolved")));
        Assert.Equal("0,200", File.ReadAllText(Path.Combine(runFolder, "params", "target.input_steps")));
        Assert.StartsWith("0.1.0", File.ReadAllText(Path.Combine(runFolder, "params", "weightfarcast.version")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(runFolder, "artifacts", "report.json")));
        Assert.True(File.Exists(Path.Combine(runFolder, "artifacts", "fit-curve.png")));
    }

    [Fact]
    public async Task Same_inputs_and_seed_give_byte_identical_forecasts_and_a_saved_forecaster_reproduces_them()
    {
        using var kit = new JobTestKit();
        const string quick = "forecaster: { optimizer: { max_epochs: 15 } }\ntracking: { uri: none }";
        var first = await kit.RunAsync(kit.WriteConfig(quick));
        var firstBytes = first.ForecastPaths.Select(File.ReadAllBytes).ToList();
        var firstForecaster = File.ReadAllBytes(first.ForecasterPath);
        var second = await kit.RunAsync(kit.WriteConfig(quick));
        Assert.Equal(firstBytes, second.ForecastPaths.Select(File.ReadAllBytes));
        Assert.Equal(firstForecaster, File.ReadAllBytes(second.ForecasterPath));

        var saved = Path.Combine(kit.Root, "saved-forecaster.safetensors");
        File.Copy(second.ForecasterPath, saved);
        var loaded = await kit.RunAsync(kit.WriteConfig($"forecaster: {{ load: '{saved}' }}\ntracking: {{ uri: none }}", references: "[]"));
        Assert.Equal(firstBytes, loaded.ForecastPaths.Select(File.ReadAllBytes));
        Assert.Equal(saved, loaded.Report.Fit.LoadedFrom);
        Assert.DoesNotContain("fit", kit.Observer.Stages.Skip(10));
    }

    [Fact]
    public async Task A_saved_forecaster_for_other_horizons_is_refused_by_name()
    {
        using var kit = new JobTestKit();
        var fitted = await kit.RunAsync(kit.WriteConfig("forecaster: { optimizer: { max_epochs: 3 } }\ntracking: { uri: none }", horizons: "[400]"));
        var error = await Assert.ThrowsAsync<ConfigException>(() =>
            kit.RunAsync(kit.WriteConfig($"forecaster: {{ load: '{fitted.ForecasterPath}' }}\ntracking: {{ uri: none }}", references: "[]", horizons: "[800]")));
        Assert.Contains("forecaster.load", error.Message, StringComparison.Ordinal);
        Assert.Contains("800", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Per_tensor_groups_fit_one_map_per_tensor()
    {
        using var kit = new JobTestKit();
        var result = await kit.RunAsync(kit.WriteConfig("forecaster: { groups: tensor }\ntracking: { uri: none }"));
        Assert.Equal(6, result.Report.Fit.Coefficients.Count);
        Assert.Equal("tensor", result.Report.Fit.Groups);
        Assert.All(result.Report.Horizons, h => Assert.True(h.Forecast!.Mse < h.Baselines!.Persistence.Mse));
    }

    [Fact]
    public async Task Output_dtype_bf16_writes_bf16_forecasts()
    {
        using var kit = new JobTestKit();
        var result = await kit.RunAsync(kit.WriteConfig("output: { directory: out, dtype: bf16 }\nforecaster: { optimizer: { max_epochs: 3 } }\ntracking: { uri: none }", horizons: "[400]"));
        using var reader = CheckpointReader.Open(result.ForecastPaths[0]);
        Assert.All(reader.Tensors, t => Assert.Equal(DType.BF16, t.DType));
    }

    [Fact]
    public async Task Sharded_input_is_forecast_with_the_same_sharding_and_index()
    {
        using var kit = new JobTestKit();
        var target = Path.Combine(kit.Root, "sharded", "checkpoint-{step}");
        foreach (var step in new[] { 0, 200, 400 })
        {
            using var source = CheckpointReader.Open(JobTestKit.FixtureRun(1).Replace("{step}", step.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            var layout = source.Tensors.Select(t => (t, t.Name.StartsWith("l1", StringComparison.Ordinal) ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors"));
            using var writer = new ShardedSafetensorsWriter(target.Replace("{step}", step.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), layout);
            foreach (var t in source.Tensors)
                CheckpointWriter.CopyTensor(source, writer, t.Name);
            writer.Commit();
        }
        var result = await kit.RunAsync(kit.WriteConfig("tracking: { uri: none }", target: target, horizons: "[400]"));

        var output = result.ForecastPaths.Single();
        Assert.True(File.Exists(Path.Combine(output, "model.safetensors.index.json")),
            $"{output}: {string.Join(", ", Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : Directory.GetFileSystemEntries(kit.Output))}");
        Assert.True(File.Exists(Path.Combine(output, "model-00002-of-00002.safetensors")));
        using var reader = CheckpointReader.Open(output);
        Assert.Equal(CheckpointFormat.ShardedSafetensors, reader.Format);
        Assert.Equal("model-00001-of-00002.safetensors", reader.WeightMap["l1.weight"]);
        Assert.True(result.Report.Horizons[0].Forecast!.Mse < result.Report.Horizons[0].Baselines!.Persistence.Mse);
    }

    [Fact]
    public async Task A_missing_step_names_the_run_the_step_and_the_field()
    {
        using var kit = new JobTestKit();
        var config = kit.WriteConfig().Replace("observed_step: 200", "observed_step: 250", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(kit.Root, "farcast.yaml"), File.ReadAllText(config).Replace("observed_step: 200", "observed_step: 250", StringComparison.Ordinal));
        await kit.FailsInPlanningAsync<JobInputException>(config, "target.observed_step: step 250 is missing", "seed-1");
    }

    [Fact]
    public async Task Reference_runs_of_another_architecture_list_every_mismatch()
    {
        using var kit = new JobTestKit();
        var other = kit.CopyRun(11, "other", (t, v) => t.Name switch
        {
            "l3.bias" => null,                                                        // missing
            "l2.bias" => (new TensorInfo(t.Name, t.DType, 2, 64), v),                  // reshaped
            _ => (t, v),
        }, 0, 200, 400, 800, 1500);
        var error = await kit.FailsInPlanningAsync<CheckpointMismatchException>(kit.WriteConfig(references: $"['{other}']"));
        Assert.Contains(error.Mismatches, m => m.TensorName == "l3.bias");
        Assert.Contains(error.Mismatches, m => m.TensorName == "l2.bias");
        Assert.Equal(2, error.Mismatches.Count);
    }

    [Fact]
    public async Task Nan_in_the_target_fails_naming_file_and_tensor_and_writes_nothing_unless_carried()
    {
        using var kit = new JobTestKit();
        var target = kit.CopyRun(1, "nan", (t, v) =>
        {
            if (t.Name == "l2.weight")
                v[7] = float.NaN;
            return (t, v);
        }, 0, 200, 400);
        var config = kit.WriteConfig("forecaster: { optimizer: { max_epochs: 3 } }\ntracking: { uri: none }", target: target, horizons: "[400]");

        var error = await Assert.ThrowsAsync<CheckpointException>(() => kit.RunAsync(config));
        Assert.Equal("l2.weight", error.TensorName);
        Assert.Contains("step-0.safetensors", error.FilePath, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(kit.Output, "step-*"));
        Assert.Empty(Directory.GetFiles(kit.Output, "*.tmp", SearchOption.AllDirectories));

        var carried = await kit.RunAsync(kit.WriteConfig("nan_policy: carry\nforecaster: { optimizer: { max_epochs: 3 } }\ntracking: { uri: none }", target: target, horizons: "[400]"));
        Assert.True(File.Exists(carried.ForecastPaths[0]));
    }

    [Fact]
    public async Task Cancellation_during_fit_leaves_no_outputs_and_marks_the_run_killed()
    {
        using var kit = new JobTestKit();
        using var cancel = new CancellationTokenSource();
        kit.Observer.OnEpoch = e =>
        {
            if (e.Epoch == 2)
                cancel.Cancel();
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kit.RunAsync(kit.WriteConfig(), cancel.Token));

        Assert.True(!Directory.Exists(kit.Output) || Directory.GetFiles(kit.Output, "*", SearchOption.AllDirectories).Length == 0);
        var meta = Directory.GetFiles(Path.Combine(kit.Root, "mlruns"), "meta.yaml", SearchOption.AllDirectories)
            .Select(File.ReadAllText).Single(t => t.Contains("run_id:", StringComparison.Ordinal));
        Assert.Contains("status: 5", meta, StringComparison.Ordinal); // KILLED
    }

    [Fact]
    public async Task Tracking_server_down_still_writes_the_forecast_and_reports_the_failure()
    {
        using var kit = new JobTestKit();
        var result = await kit.RunAsync(kit.WriteConfig("forecaster: { optimizer: { max_epochs: 3 } }\ntracking: { uri: 'http://127.0.0.1:9', max_retries: 0, timeout_seconds: 2 }", horizons: "[400]"));
        Assert.NotNull(result.TrackingFailure);
        Assert.True(File.Exists(result.ForecastPaths[0]));
        Assert.Equal("failed", result.Report.Tracking!.Status);

        var fallback = await kit.RunAsync(kit.WriteConfig("forecaster: { optimizer: { max_epochs: 3 } }\ntracking: { uri: 'http://127.0.0.1:9', max_retries: 0, timeout_seconds: 2, on_failure: fallback, fallback_directory: ./local-mlruns }", horizons: "[400]"));
        Assert.Null(fallback.TrackingFailure);
        Assert.True(Directory.Exists(Path.Combine(kit.Root, "local-mlruns")));
        Assert.NotEmpty(kit.Observer.Warnings);
    }
}
