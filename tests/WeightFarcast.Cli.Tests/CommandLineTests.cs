using WeightFarcast.Tests.Shared;

namespace WeightFarcast.Cli.Tests;

public class CommandLineTests
{
    [Fact]
    public async Task Help_documents_every_command_and_the_exit_codes()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "run", "demo", "init", "validate", "config", "schema", "inspect", "evaluate", "bench", "doctor" })
            Assert.Contains($"  {command} ", result.Out, StringComparison.Ordinal);
        Assert.Contains("130  Cancelled", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_tool_version()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0.1.0", result.Out.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("run", "--no-such-option")]
    [InlineData("evaluate", "--forecast", "a")]
    public async Task Bad_command_lines_exit_with_the_usage_code(params string[] args)
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync(args);
        Assert.Equal((int)ExitCode.UsageError, result.ExitCode);
        Assert.Contains("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_exit_code_table_is_the_enum()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        Assert.Contains(ExitCodeTable.Markdown(), readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_reports_a_working_torch()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("doctor");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("torch works.", result.Out, StringComparison.Ordinal);
        Assert.Contains("glibcxx level", result.Out, StringComparison.Ordinal);
        Assert.Contains("devices                cpu", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("doesn't contain a reference", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_writes_a_config_that_validate_then_checks_against_the_disk()
    {
        using var cli = new CliRunner();
        var init = await cli.RunAsync("init");
        Assert.Equal(0, init.ExitCode);
        Assert.True(File.Exists(Path.Combine(cli.Folder, "farcast.schema.json")));
        Assert.Equal((int)ExitCode.ConfigInvalid, (await cli.RunAsync("init")).ExitCode); // no silent overwrite

        // The sample's runs/ do not exist here: validation gets past the schema and names the missing input.
        var validate = await cli.RunAsync("validate");
        Assert.Equal((int)ExitCode.InputMissing, validate.ExitCode);
        Assert.Contains("target.checkpoints", validate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_names_the_step_a_self_fitted_horizon_is_missing()
    {
        using var cli = new CliRunner();
        var sparse = Path.Combine(cli.Folder, "sparse");
        Directory.CreateDirectory(sparse);
        foreach (var step in new[] { "0", "50", "200" })
            File.Copy(CliRunner.FixtureRun(1).Replace("{step}", step, StringComparison.Ordinal), Path.Combine(sparse, $"step-{step}.safetensors"));
        File.WriteAllText(Path.Combine(cli.Folder, "farcast.yaml"),
            "target: { checkpoints: 'sparse/step-{step}.safetensors', initial_step: 0, observed_step: 200 }\nhorizons: [400, 800]\nforecaster: { source: self }\n");

        // Horizon 400 needs w_100, which was not saved.
        var missing = await cli.RunAsync("validate");
        Assert.Equal((int)ExitCode.InputMissing, missing.ExitCode);
        Assert.Contains("target.checkpoints: step 100 is missing", missing.Error, StringComparison.Ordinal);
        Assert.Contains("horizon 400", missing.Error, StringComparison.Ordinal);

        // From 0 and 200, horizon 900 would need step 44.44: not a step at all.
        File.WriteAllText(Path.Combine(cli.Folder, "farcast.yaml"), File.ReadAllText(Path.Combine(cli.Folder, "farcast.yaml")).Replace("[400, 800]", "[800, 900]", StringComparison.Ordinal));
        var fractional = await cli.RunAsync("validate");
        Assert.Equal((int)ExitCode.ConfigInvalid, fractional.ExitCode);
        Assert.Contains("horizons: 900", fractional.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_config_lists_every_problem_and_annotates_for_github_and_azure()
    {
        using var cli = new CliRunner();
        var path = Path.Combine(cli.Folder, "bad.yaml");
        File.WriteAllText(path, "version: 1\ntarget: { checkpoints: x }\nreference: [y]\nhorizons: [10]\nforecaster:\n  optimizer: { patience: 0 }\n  groups: banana\n");

        var local = await cli.RunAsync("validate", "--config", "bad.yaml");
        Assert.Equal((int)ExitCode.ConfigInvalid, local.ExitCode);
        Assert.Contains("bad.yaml(6,16): forecaster.optimizer.patience must be > 0", local.Error, StringComparison.Ordinal);
        Assert.Contains("bad.yaml(7,3): forecaster.groups: 'banana' is not one of global, tensor", local.Error, StringComparison.Ordinal);
        Assert.Equal("", local.Out);

        cli.Environment["GITHUB_ACTIONS"] = "true";
        var github = await cli.RunAsync("validate", "--config", "bad.yaml");
        Assert.Equal((int)ExitCode.ConfigInvalid, github.ExitCode);
        Assert.Contains($"::error file={path},line=6,col=16,title=weightfarcast%3A ConfigInvalid::forecaster.optimizer.patience must be > 0", github.Out, StringComparison.Ordinal);

        cli.Environment.Clear();
        cli.Environment["TF_BUILD"] = "True";
        var azure = await cli.RunAsync("validate", "--config", "bad.yaml");
        Assert.Contains($"##vso[task.logissue type=error;sourcepath={path};linenumber=7;columnnumber=3", azure.Out, StringComparison.Ordinal);
        Assert.Contains("##vso[task.complete result=Failed;]", azure.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_show_prints_effective_values_with_secrets_redacted()
    {
        using var cli = new CliRunner();
        cli.WriteConfig();
        cli.Environment["MLFLOW_TRACKING_URI"] = "https://alice:hunter22@mlflow.internal:5000";
        var result = await cli.RunAsync("config", "show");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("# tracking.uri from $MLFLOW_TRACKING_URI", result.Out, StringComparison.Ordinal);
        Assert.Contains("uri: https://***@mlflow.internal:5000", result.Out, StringComparison.Ordinal);
        Assert.Contains("learning_rate: 0.004", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_command_prints_the_committed_schema()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("schema");
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", "farcast.schema.json")), result.Out);
    }

    [Fact]
    public async Task Inspect_reads_pytorch_and_safetensors_and_names_bad_files()
    {
        using var cli = new CliRunner();
        var pt = await cli.RunAsync("inspect", RepoPaths.Fixture("pytorch", "state_dict.pt"), "--json");
        Assert.Equal(0, pt.ExitCode);
        var json = System.Text.Json.Nodes.JsonNode.Parse(pt.Out)!;
        Assert.Equal("pytorch-zip", (string?)json["format"]);
        Assert.Equal(-3.141735553741455, (double)json["tensors"]!.AsArray().Single(t => (string?)t!["name"] == "linear.weight")!["sum"]!, 5);

        var missing = await cli.RunAsync("inspect", "nope.safetensors");
        Assert.Equal((int)ExitCode.InputMissing, missing.ExitCode);

        var broken = Path.Combine(cli.Folder, "broken.safetensors");
        File.WriteAllBytes(broken, File.ReadAllBytes(RepoPaths.Fixture("pytorch", "state_dict.safetensors"))[..40]);
        var bad = await cli.RunAsync("inspect", broken);
        Assert.Equal((int)ExitCode.CheckpointInvalid, bad.ExitCode);
        Assert.Contains(broken, bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_compares_a_checkpoint_with_itself_and_with_baselines()
    {
        using var cli = new CliRunner();
        var step = (int s) => CliRunner.FixtureRun(1).Replace("{step}", s.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var same = await cli.RunAsync("evaluate", "--forecast", step(400), "--actual", step(400), "--json");
        Assert.Equal(0, same.ExitCode);
        var json = System.Text.Json.Nodes.JsonNode.Parse(same.Out)!;
        Assert.Equal(0.0, (double)json["forecast"]!["mse"]!);
        Assert.Equal(1.0, (double)json["forecast"]!["cosine"]!, 9);

        var withBaselines = await cli.RunAsync("evaluate", "--forecast", step(400), "--actual", step(800), "--initial", step(0), "--observed", step(200), "--steps", "0,200,800");
        Assert.Equal(0, withBaselines.ExitCode);
        Assert.Contains("persist.mse", withBaselines.Out, StringComparison.Ordinal);
        Assert.Contains("overall", withBaselines.Out, StringComparison.Ordinal);
    }
}
