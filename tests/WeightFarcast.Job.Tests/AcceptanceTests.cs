using WeightFarcast.Job.Acceptance;

namespace WeightFarcast.Job.Tests;

public class AcceptanceTests
{
    // Prints a loss chosen by the checkpoint's file name: w_n (step-200) 0.3, the 400 forecast 0.2, the 800 one 0.5.
    private const string FakeEvaluation =
        "python3 -c \"import sys; p=sys.argv[1]; print('evaluating', p); print('loss=' + ('0.2' if 'step-400' in p else '0.5' if 'step-800' in p else '0.3'))\" {checkpoint}";

    [Theory]
    [InlineData("0.25", 0.25)]
    [InlineData("loss=1e-3", 0.001)]
    [InlineData("Loss: 2", 2.0)]
    [InlineData("{\"loss\": 0.5, \"accuracy\": 0.9}", 0.5)]
    [InlineData("epoch 3\nloss=0.4\n\n", 0.4)]
    public void Losses_are_read_from_the_last_line(string stdout, double expected) => Assert.Equal(expected, LossOutputParser.Parse(stdout));

    [Theory]
    [InlineData("")]
    [InlineData("done")]
    [InlineData("loss=nan")]
    [InlineData("{\"accuracy\": 1}")]
    [InlineData("loss=0.3\nfinished")]
    public void Output_without_a_loss_on_the_last_line_is_no_loss(string stdout) => Assert.Null(LossOutputParser.Parse(stdout));

    [Fact]
    public void Command_failures_are_reported_not_thrown()
    {
        var timeout = EvaluationCommand.Run("sleep 5; echo 1 {checkpoint}", "x", TimeSpan.FromSeconds(0.5), CancellationToken.None);
        Assert.Null(timeout.Loss);
        Assert.StartsWith("timed out after 0.5 s", timeout.Failure, StringComparison.Ordinal);

        var crash = EvaluationCommand.Run("echo boom >&2; exit 3 {checkpoint}", "x", TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal("exited with code 3: boom", crash.Failure);

        var silent = EvaluationCommand.Run("echo all good {checkpoint}", "x", TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.StartsWith("printed no loss on its last line", silent.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checkpoint_path_reaches_the_command_as_one_quoted_argument()
    {
        var path = "/tmp/it's a path/with spaces.safetensors";
        var result = EvaluationCommand.Run("python3 -c \"import sys; print(len(sys.argv) - 1, len(sys.argv[1]))\" {checkpoint} | cut -d' ' -f2", path, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(path.Length, result.Loss);
    }

    [Fact]
    public async Task Forecasts_worse_than_the_observed_loss_are_rejected_and_reported()
    {
        using var kit = new JobTestKit();
        var config = kit.WriteConfig($"forecaster: {{ optimizer: {{ max_epochs: 3 }} }}\nacceptance: {{ command: '{FakeEvaluation.Replace("'", "''", StringComparison.Ordinal)}', timeout_seconds: 60 }}", horizons: "[400, 800]");

        var result = await kit.RunAsync(config);

        var at400 = result.Report.Horizons.Single(h => h.Step == 400);
        var at800 = result.Report.Horizons.Single(h => h.Step == 800);
        Assert.True(at400.Acceptance!.Accepted);
        Assert.Equal(0.2, at400.Acceptance.Loss);
        Assert.Equal(0.3, at400.Acceptance.ObservedLoss);
        Assert.True(at400.Published);
        Assert.False(at800.Acceptance!.Accepted);
        Assert.False(at800.Published);
        Assert.Contains("worse than w_n's", at800.Acceptance.Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(at800.Output), "a rejected forecast is still written");
        Assert.Contains("**rejected**", File.ReadAllText(result.ReportMarkdownPath), StringComparison.Ordinal);
        Assert.Contains(kit.Observer.Warnings, w => w.Contains("step 800 rejected", StringComparison.Ordinal));
        var accepted = Directory.GetFiles(Path.Combine(kit.Root, "mlruns"), "accepted", SearchOption.AllDirectories).Single();
        Assert.Equal(["1 400", "0 800"], File.ReadAllLines(accepted).Select(l => string.Join(' ', l.Split(' ')[1..])));
    }

    [Fact]
    public async Task When_w_n_cannot_be_evaluated_no_forecast_is_published()
    {
        using var kit = new JobTestKit();
        var config = kit.WriteConfig("forecaster: { optimizer: { max_epochs: 3 } }\ntracking: { uri: none }\nacceptance: { command: 'exit 7 {checkpoint}' }", horizons: "[400]");
        var result = await kit.RunAsync(config);
        var verdict = result.Report.Horizons.Single().Acceptance!;
        Assert.False(verdict.Accepted);
        Assert.StartsWith("w_n could not be evaluated: exited with code 7", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_must_name_the_checkpoint()
    {
        var loaded = Configuration.ConfigLoader.Parse("target: { checkpoints: x }\nreference: [y]\nhorizons: [10]\nacceptance: { command: 'python eval.py' }\n");
        var error = Assert.Throws<Configuration.ConfigException>(() => Configuration.FarcastConfigValidator.ValidateOrThrow(loaded));
        Assert.Contains(error.Problems, p => p.Path == "acceptance.command" && p.Line == 4);
    }
}
