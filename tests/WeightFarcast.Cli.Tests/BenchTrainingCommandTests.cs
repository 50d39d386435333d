using System.Text.Json;
using WeightFarcast.Job.Demo;
using WeightFarcast.Training;

namespace WeightFarcast.Cli.Tests;

/// <summary>
/// `bench training` end to end on a small real run (digits MLP, n = 8, three seeds): files written, and the numbers
/// checked against quantities recomputed here from the checkpoints the run kept.
/// </summary>
public class BenchTrainingCommandTests
{
    private const int N = 8;

    [Fact]
    public async Task Bench_training_writes_the_report_and_plots_and_its_numbers_agree_with_the_checkpoints()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("bench", "training", "--tasks", "mlp", "--seeds", "1,2,3", "--observed", "8", "--out", "out", "--work", "work");
        Assert.True(result.ExitCode == 0, result.ToString());

        var output = Path.Combine(cli.Folder, "out");
        var markdown = File.ReadAllText(Path.Combine(output, "training.md"));
        Assert.Contains("`weightfarcast bench training --tasks mlp --seeds 1,2,3 --observed 8 --out out`", markdown);
        Assert.Contains("## Against the issue's targets", markdown);
        foreach (var label in new[] { "global map", "per-tensor map", "self-fit", "persistence", "linear extrap." })
            Assert.Contains($"| {label} |", markdown);
        foreach (var png in new[] { "training-mlp-loss.png", "training-mlp-continue.png" })
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(output, png))[..4]);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "training.json")));
        var task = json.RootElement.EnumerateArray().Single();
        Assert.Equal([16, 32, 64], task.GetProperty("horizons").EnumerateArray().Select(h => h.GetInt32()));
        var k = task.GetProperty("continue_steps").GetInt32();
        var forecasts = task.GetProperty("forecasts").EnumerateArray().ToList();
        Assert.Equal(3 * 5 * 3, forecasts.Count); // targets x methods x horizons

        foreach (var target in task.GetProperty("targets").EnumerateArray())
        {
            var seed = target.GetProperty("target_seed").GetInt32();
            var baseline = target.GetProperty("baseline_curve").EnumerateArray().ToList();
            Assert.Equal(target.GetProperty("target_loss").GetDouble(), baseline[^1].GetProperty("loss").GetDouble());
            Assert.InRange(target.GetProperty("baseline_steps_to_target").GetInt64(), N, N + k);

            string Checkpoint(int step) => Path.Combine(cli.Folder, "work", "runs", "mlp", $"seed-{seed}", $"step-{step}.safetensors");
            var w0 = NamedWeightsFiles.Read(Checkpoint(0));
            var wn = NamedWeightsFiles.Read(Checkpoint(N));
            var observedLoss = WeightsEvaluator.Evaluate(wn, DigitsSplit.Eval).CrossEntropyLoss;
            foreach (var row in forecasts.Where(f => f.GetProperty("target_seed").GetInt32() == seed))
            {
                var horizon = row.GetProperty("horizon").GetInt32();
                Assert.Equal(observedLoss, row.GetProperty("observed_loss").GetDouble(), 6);
                switch (row.GetProperty("method").GetString())
                {
                    case "Persistence":
                        // w_n's own loss is met on the real curve at n at the latest, and its error is the persistence error.
                        Assert.Equal(observedLoss, row.GetProperty("loss").GetDouble(), 6);
                        Assert.InRange(row.GetProperty("effective_step").GetInt64(), 0, N);
                        Assert.Equal(row.GetProperty("persistence_mse").GetDouble(), row.GetProperty("weight_mse").GetDouble());
                        Assert.False(row.TryGetProperty("steps_to_target", out _));
                        break;
                    case "LinearExtrapolation":
                        var wh = NamedWeightsFiles.Read(Checkpoint(horizon));
                        var gain = (double)(horizon - N) / N;
                        var extrapolated = new NamedWeights(wn.Select(t => new NamedTensor(t.Name, t.Shape,
                            t.Values.Select((v, i) => (float)(v + gain * (v - w0.Get(t.Name).Values[i]))).ToArray())));
                        var mse = extrapolated.Zip(wh).SelectMany(p => p.First.Values.Zip(p.Second.Values, (a, b) => (double)(a - b) * (a - b))).Average();
                        Assert.Equal(mse, row.GetProperty("weight_mse").GetDouble(), mse * 1e-4);
                        Assert.Equal(WeightsEvaluator.Evaluate(extrapolated, DigitsSplit.Eval).CrossEntropyLoss, row.GetProperty("loss").GetDouble(), 4);
                        break;
                    default:
                        // The learned maps: the loss is that of the forecast file the farcast job wrote, and the continuation
                        // ends where its curve says.
                        var folder = row.GetProperty("method").GetString() switch
                        {
                            "Global" => "global-references",
                            "PerTensor" => "tensor-references",
                            _ => "global-self",
                        };
                        var written = NamedWeightsFiles.Read(Path.Combine(cli.Folder, "work", "forecasts", "mlp", $"seed-{seed}", folder, $"step-{horizon}.safetensors"));
                        Assert.Equal(WeightsEvaluator.Evaluate(written, DigitsSplit.Eval).CrossEntropyLoss, row.GetProperty("loss").GetDouble(), 6);
                        Assert.True(row.GetProperty("final_loss").GetDouble() > 0);
                        break;
                }
                if (row.TryGetProperty("steps_to_target", out var steps))
                    Assert.InRange(steps.GetInt64(), N, N + k);
            }
        }
    }

    [Fact]
    public async Task Bench_training_refuses_an_unknown_task_and_an_observed_step_off_the_grid()
    {
        using var cli = new CliRunner();
        var unknown = await cli.RunAsync("bench", "training", "--tasks", "mlp,gpt5");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("unknown task 'gpt5'", unknown.Error);

        var twice = await cli.RunAsync("bench", "training", "--tasks", "mlp,MLP");
        Assert.NotEqual(0, twice.ExitCode);
        Assert.Contains("mlp given more than once", twice.Error, StringComparison.OrdinalIgnoreCase);

        var offGrid = await cli.RunAsync("bench", "training", "--tasks", "mlp", "--observed", "12");
        Assert.NotEqual(0, offGrid.ExitCode);
        Assert.Contains("multiple of 8", offGrid.Error);
    }
}
