namespace WeightFarcast.Cli.Tests;

/// <summary>`run` and `demo` through the CLI: hosted worker, exit codes, CI outputs, cancellation, secrets.</summary>
public class JobCommandTests
{
    [Fact]
    public async Task Run_in_github_actions_writes_outputs_and_summary()
    {
        using var cli = new CliRunner();
        cli.WriteConfig("forecaster: { optimizer: { max_epochs: 5 } }");
        var outputs = Path.Combine(cli.Folder, "github_output");
        var summary = Path.Combine(cli.Folder, "step_summary.md");
        cli.Environment["GITHUB_ACTIONS"] = "true";
        cli.Environment["GITHUB_OUTPUT"] = outputs;
        cli.Environment["GITHUB_STEP_SUMMARY"] = summary;
        cli.Environment["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567";

        var result = await cli.RunAsync("run");

        Assert.True(result.ExitCode == 0, result.ToString());
        var written = File.ReadAllText(outputs);
        Assert.Contains($"report={Path.Combine(cli.Folder, "out", "report.json")}", written, StringComparison.Ordinal);
        Assert.Contains("forecasts<<", written, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(cli.Folder, "out", "step-800.safetensors"), written, StringComparison.Ordinal);
        Assert.Contains("| step | forecast MSE | persistence MSE |", File.ReadAllText(summary), StringComparison.Ordinal);
        Assert.Contains("| 400 |", result.Out, StringComparison.Ordinal);
        var commit = Directory.GetFiles(Path.Combine(cli.Folder, "mlruns"), "mlflow.source.git.commit", SearchOption.AllDirectories).Single();
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", File.ReadAllText(commit));
    }

    [Fact]
    public async Task Tracking_outage_exits_with_its_own_code_after_writing_the_forecast_and_never_leaks_the_token()
    {
        using var cli = new CliRunner();
        const string token = "tok-4f9a8b7c6d5e";
        cli.Environment["MLFLOW_TRACKING_TOKEN"] = token;
        cli.WriteConfig("forecaster: { optimizer: { max_epochs: 3 } }\ntracking: { uri: 'http://127.0.0.1:9', max_retries: 0, timeout_seconds: 2 }", horizons: "[400]");

        var result = await cli.RunAsync("run");

        Assert.Equal((int)ExitCode.TrackingFailed, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(cli.Folder, "out", "step-400.safetensors")));
        Assert.True(File.Exists(Path.Combine(cli.Folder, "out", "report.json")));
        Assert.DoesNotContain(token, result.Out + result.Error, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(cli.Folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".safetensors", StringComparison.Ordinal) && !f.EndsWith(".png", StringComparison.Ordinal)))
            Assert.DoesNotContain(token, File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_run_exits_130_and_leaves_no_partial_outputs()
    {
        using var cli = new CliRunner();
        // A fit that never stops early, so the cancel always lands mid-job (the default fit can finish within 1.5 s).
        cli.WriteConfig("forecaster: { optimizer: { patience: 100000, max_epochs: 100000 } }");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var result = await cli.RunAsync(cancel.Token, "run");
        Assert.True(result.ExitCode == (int)ExitCode.Cancelled, result.ToString());
        var outDir = Path.Combine(cli.Folder, "out");
        Assert.True(!Directory.Exists(outDir) || Directory.GetFiles(outDir, "step-*", SearchOption.AllDirectories).Length == 0);
        Assert.True(!Directory.Exists(outDir) || Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories).Length == 0);
    }

    [Fact]
    public async Task Demo_runs_the_whole_job_from_an_empty_folder()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("demo", "--dir", "demo");
        Assert.True(result.ExitCode == 0, result.ToString());
        var table = result.Out.Split('\n').Where(l => l.StartsWith("| 200 |", StringComparison.Ordinal) || l.StartsWith("| 400 |", StringComparison.Ordinal) || l.StartsWith("| 600 |", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, table.Count);
        Assert.All(table, row => Assert.Contains("| yes |", row, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(cli.Folder, "demo", "farcast.yaml")));
        Assert.True(Directory.Exists(Path.Combine(cli.Folder, "demo", "mlruns")));
        Assert.Contains("loss: forecast", result.Out, StringComparison.Ordinal);
    }
}
