using System.Globalization;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Fitting;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Sampling;
using WeightFarcast.Job.Sharding;
using Xunit.Abstractions;

namespace WeightFarcast.Job.Tests;

/// <summary>forecaster.source: self on the real PyTorch digits trajectories: the map is learned from the target's own
/// (w_0, w_m) -> w_n and applied to (w_0, w_n), with no reference run.</summary>
public class SelfFitTests(ITestOutputHelper output)
{
    // From steps 0 and 200, horizon 400 needs w_100 and horizon 800 needs w_50 (both in the fixture).
    private const string Self = "forecaster: { source: self }";

    [Theory]
    [InlineData(null, "self", MapInit.Persistence)] // the default
    [InlineData(null, "references", MapInit.Persistence)]
    [InlineData("uniform", "self", MapInit.Uniform)] // the paper's start, on request
    [InlineData("uniform", "references", MapInit.Uniform)]
    public void Fits_start_at_persistence_unless_the_papers_uniform_start_is_asked_for(string? init, string source, MapInit expected)
    {
        var optimizer = init is null ? new OptimizerConfig() : new OptimizerConfig { Init = init };
        Assert.Equal(expected, ForecasterFitting.Options(new ForecasterConfig { Source = source, Optimizer = optimizer }, "cpu").Init);
    }

    [Fact]
    public async Task Self_mode_forecasts_and_backtests_without_reference_runs()
    {
        using var kit = new JobTestKit();
        // Default settings. Fits start at persistence (optimizer.init): from the paper's uniform start, a
        // one-horizon fit early-stops (patience 5) once the bias settles, coefficients still near their random start,
        // and then loses to persistence.
        var result = await kit.RunAsync(kit.WriteConfig("forecaster: { source: self }", references: "[]", horizons: "[400, 800]"));

        foreach (var h in result.Report.Horizons)
            output.WriteLine($"step {h.Step}: forecast {h.Forecast!.Mse:e4}, persistence {h.Baselines!.Persistence.Mse:e4}, linear {h.Baselines.LinearExtrapolation.Mse:e4}");
        Assert.Equal([400, 800], result.Report.Horizons.Select(h => h.Step));
        Assert.All(result.ForecastPaths, p => Assert.True(File.Exists(p)));
        Assert.All(result.Report.Horizons, h => Assert.True(h.ActualAvailable));
        // The digits run is close enough to self-similar that the map learned from (w_0, w_m) -> w_200 beats both
        // baselines at both horizons (by about a third at 400, a fifth at 800).
        Assert.All(result.Report.Horizons, h => Assert.True(h.BeatsBaselines,
            $"step {h.Step}: forecast {h.Forecast!.Mse} vs persistence {h.Baselines!.Persistence.Mse}, linear {h.Baselines.LinearExtrapolation.Mse}"));
        Assert.Equal(["plan", "sample", "fit", "apply", "track"], kit.Observer.Stages);

        // One map labelled for the real inputs and every horizon, fitted from the target alone, L_grad off.
        var fit = result.Report.Fit;
        Assert.Equal("self", fit.Source);
        Assert.Equal([new SelfSimilarFit(400, 100), new SelfSimilarFit(800, 50)], fit.SelfFits!);
        Assert.Empty(result.Report.References);
        Assert.Equal([0, 200], fit.Coefficients.Single().InputSteps);
        Assert.Equal([400, 800], fit.Coefficients.Single().HorizonSteps);
        Assert.False(fit.RegularizerActive);
        Assert.Equal(0, fit.Lambda);
        Assert.Contains(kit.Observer.Epochs, e => e.Group == "h400");
        Assert.Contains(kit.Observer.Epochs, e => e.Group == "h800");
        Assert.Contains("forecaster.source: self", File.ReadAllText(result.ReportMarkdownPath), StringComparison.Ordinal);

        using var forecaster = CheckpointReader.Open(result.ForecasterPath);
        Assert.Equal("[0,200]", forecaster.Metadata["input_steps"]);
        Assert.Equal("[400,800]", forecaster.Metadata["horizon_steps"]);

        var runFolder = Directory.GetFiles(Path.Combine(kit.Root, "mlruns"), "meta.yaml", SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName).Single(d => Directory.Exists(Path.Combine(d!, "params")))!;
        Assert.Equal("none", File.ReadAllText(Path.Combine(runFolder, "params", "reference.steps")));
        Assert.Equal("400:100,800:50", File.ReadAllText(Path.Combine(runFolder, "params", "forecaster.self_steps")));
        Assert.Equal("self", File.ReadAllText(Path.Combine(runFolder, "params", "forecaster.source")));
    }

    [Fact]
    public async Task Per_tensor_maps_work_in_self_mode()
    {
        using var kit = new JobTestKit();
        var result = await kit.RunAsync(kit.WriteConfig("forecaster: { source: self, groups: tensor, optimizer: { max_epochs: 5 } }\ntracking: { uri: none }",
            references: "[]", horizons: "[400, 800]"));
        Assert.Equal(6, result.Report.Fit.Coefficients.Count);
        Assert.All(result.Report.Fit.Coefficients, c => Assert.Equal([400, 800], c.HorizonSteps));
        Assert.Contains(kit.Observer.Epochs, e => e.Group == "l1.weight/h800");
        Assert.All(result.ForecastPaths, p => Assert.True(File.Exists(p)));
    }

    [Fact]
    public void Self_rows_are_the_targets_values_at_s0_and_m_with_w_n_as_target()
    {
        using var kit = new JobTestKit();
        var plan = JobPlanner.Plan(ConfigPipeline.Load(kit.WriteConfig(Self, references: "[]", horizons: "[400, 800]"), _ => null).Config);

        var perHorizon = SelfSampler.Sample(plan, 500, perTensor: false, seed: 3, CancellationToken.None);

        Assert.Equal([400, 800], perHorizon.Select(p => p.Fit.Horizon));
        var observed = AllValues(200);
        foreach (var (fit, data) in perHorizon)
        {
            var rows = data.Values.Single();
            Assert.Equal(500, rows.Rows);
            Assert.Equal([0, 200], rows.InputSteps);
            Assert.Equal(200, rows.ObservedStep);
            Assert.Equal([fit.Horizon], rows.HorizonSteps);
            Assert.Null(rows.FirstStepDelta);
            // Every row is one coordinate's (w_0, w_m, w_200), read here straight from the checkpoints.
            var triples = Triples(AllValues(0), AllValues(fit.RescaledStep), observed);
            for (var i = 0; i < rows.Rows; i++)
                Assert.Contains((rows.Inputs[2 * i], rows.Inputs[2 * i + 1], rows.Targets[i]), triples);
            // ... and not the values at another step: the rows really read m. About a tenth of the digits weights never
            // move (input pixels that are always 0), so those rows match either way.
            var otherStep = fit.RescaledStep == 100 ? 50 : 100;
            var wrong = Triples(AllValues(0), AllValues(otherStep), observed);
            var alsoWrong = Enumerable.Range(0, rows.Rows).Count(i => wrong.Contains((rows.Inputs[2 * i], rows.Inputs[2 * i + 1], rows.Targets[i])));
            output.WriteLine($"horizon {fit.Horizon}: {alsoWrong} of {rows.Rows} rows also match step {otherStep}");
            Assert.True(alsoWrong < rows.Rows / 4, $"{alsoWrong} of {rows.Rows} rows also match step {otherStep}");
        }
        // The target is the only run: every horizon reads the same coordinates.
        var (first, second) = (perHorizon[0].Data.Values.Single(), perHorizon[1].Data.Values.Single());
        Assert.Equal(first.Targets, second.Targets);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => first.Inputs[2 * i]), Enumerable.Range(0, 500).Select(i => second.Inputs[2 * i]));
    }

    [Fact]
    public async Task A_missing_rescaled_step_names_the_step_the_horizon_and_the_field()
    {
        using var kit = new JobTestKit();
        var sparse = kit.CopyRun(1, "sparse", null, 0, 200, 400, 800);
        // Both horizons' steps are missing (100 for 400, 50 for 800): both are named at once.
        var error = await kit.FailsInPlanningAsync<JobInputException>(kit.WriteConfig(Self, target: sparse, references: "[]", horizons: "[400, 800]"),
            "target.checkpoints: step 100 is missing", "horizon 400", "target.checkpoints: step 50 is missing", "horizon 800");
        output.WriteLine(error.Message);
        Assert.Equal("target.checkpoints", error.ConfigPath);
    }

    [Fact]
    public async Task A_horizon_without_a_whole_rescaled_step_is_a_config_error_on_horizons()
    {
        using var kit = new JobTestKit();
        // 200^2 / 1500 is not a whole step.
        var error = await kit.FailsInPlanningAsync<ConfigException>(kit.WriteConfig(Self, references: "[]", horizons: "[400, 900, 1500]"), "horizons: 1500", "26.67",
            "horizons: 900");
        output.WriteLine(error.Message);
        Assert.Equal(["horizons", "horizons"], error.Problems.Select(p => p.Path)); // 900 and 1500, both at once
    }

    [Fact]
    public void Self_mode_refuses_references_and_inputs_other_than_initial_and_observed()
    {
        var loaded = ConfigLoader.Parse("""
            target: { checkpoints: 'runs/t/step-{step}.safetensors', observed_step: 200 }
            reference: ['runs/r/step-{step}.safetensors']
            horizons: [400]
            forecaster: { source: self, inputs: [observed] }
            """, "self.yaml");
        var error = Assert.Throws<ConfigException>(() => FarcastConfigValidator.ValidateOrThrow(loaded));
        Assert.Contains(error.Problems, p => p.Path == "reference" && p.Message == "forecaster.source: self learns from the target; remove reference");
        Assert.Contains(error.Problems, p => p.Path == "forecaster.inputs" && p.Message.Contains("[initial, observed]", StringComparison.Ordinal));
        Assert.Equal(2, error.Problems.Count);

        // Without reference it is valid (the "reference needs at least one run" rule does not apply) ...
        FarcastConfigValidator.ValidateOrThrow(ConfigLoader.Parse("target: { checkpoints: 'runs/t/step-{step}.safetensors' }\nhorizons: [400]\nforecaster: { source: self }\n"));
        // ... and an unknown source names the field.
        var unknown = Assert.Throws<ConfigException>(() => FarcastConfigValidator.ValidateOrThrow(
            ConfigLoader.Parse("target: { checkpoints: 'runs/t/step-{step}.safetensors' }\nreference: [r]\nhorizons: [400]\nforecaster: { source: mine }\n")));
        Assert.Equal("forecaster.source", unknown.Problems.Single().Path);
    }

    [Fact]
    public async Task Same_config_gives_a_byte_identical_self_fitted_forecaster()
    {
        using var kit = new JobTestKit();
        const string quick = "forecaster: { source: self, optimizer: { max_epochs: 15 } }\ntracking: { uri: none }";
        var first = await kit.RunAsync(kit.WriteConfig(quick, references: "[]", horizons: "[400, 800]"));
        var forecaster = File.ReadAllBytes(first.ForecasterPath);
        var forecasts = first.ForecastPaths.Select(File.ReadAllBytes).ToList();

        var second = await kit.RunAsync(kit.WriteConfig(quick, references: "[]", horizons: "[400, 800]"));

        Assert.Equal(forecaster, File.ReadAllBytes(second.ForecasterPath));
        Assert.Equal(forecasts, second.ForecastPaths.Select(File.ReadAllBytes));

        // forecaster.load wins over source: the saved map is applied as it is, nothing is sampled or fitted.
        var saved = Path.Combine(kit.Root, "saved-forecaster.safetensors");
        File.Copy(second.ForecasterPath, saved);
        var loaded = await kit.RunAsync(kit.WriteConfig($"forecaster: {{ source: self, load: '{saved}' }}\ntracking: {{ uri: none }}", references: "[]", horizons: "[400, 800]"));
        Assert.Equal(forecasts, loaded.ForecastPaths.Select(File.ReadAllBytes));
        Assert.Null(loaded.Report.Fit.Source);
        Assert.Equal(["plan", "load", "apply", "track"], kit.Observer.Stages.TakeLast(4));
    }

    [Fact]
    public async Task Sharded_self_runs_merge_into_the_single_run_forecasts()
    {
        using var single = new JobTestKit();
        using var parts = new JobTestKit();
        const string quick = "forecaster: { source: self, optimizer: { max_epochs: 8 } }\ntracking: { uri: none }";
        var whole = await single.RunAsync(single.WriteConfig(quick, references: "[]", horizons: "[400, 800]"));

        var config = parts.WriteConfig(quick, references: "[]", horizons: "[400, 800]");
        for (var i = 0; i < 2; i++)
            await new ShardJob(parts.Observer).RunAsync(ConfigPipeline.Load(config, _ => null), new ShardSpec(i, 2), CancellationToken.None);
        var merged = await new ShardMerge(parts.Observer, _ => null).RunAsync(ConfigPipeline.Load(config, _ => null), CancellationToken.None);

        Assert.Equal(whole.ForecastPaths.Select(File.ReadAllBytes), merged.ForecastPaths.Select(File.ReadAllBytes));
        Assert.Equal("self", merged.Report.Fit.Source);
        Assert.Equal(whole.Report.Fit.SelfFits!, merged.Report.Fit.SelfFits!);
    }

    // Every forecast coordinate of one step of the target, in tensor order.
    private static float[] AllValues(int step)
    {
        using var reader = CheckpointReader.Open(JobTestKit.FixtureRun(1).Replace("{step}", step.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        return reader.Tensors.OrderBy(t => t.Name, StringComparer.Ordinal).SelectMany(t =>
        {
            var values = new float[t.ElementCount];
            reader.ReadSingles(t.Name, 0, values);
            return values;
        }).ToArray();
    }

    private static HashSet<(float, float, float)> Triples(float[] a, float[] b, float[] c) =>
        Enumerable.Range(0, a.Length).Select(i => (a[i], b[i], c[i])).ToHashSet();
}
