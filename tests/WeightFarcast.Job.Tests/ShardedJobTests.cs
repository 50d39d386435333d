using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Sharding;

namespace WeightFarcast.Job.Tests;

/// <summary>Shard runs + merge in-process on a Hugging Face sharded-folder target: the merged folder (shards and index)
/// equals a single run's file for file. The child-process proof on a single-file target is in the CLI tests.</summary>
public class ShardedJobTests
{
    [Fact]
    public async Task Merged_sharded_folder_output_equals_a_single_run_file_for_file()
    {
        using var single = new JobTestKit();
        using var parts = new JobTestKit();
        const string quick = "forecaster: { sample: 50000, optimizer: { max_epochs: 8 } }\ntracking: { uri: none }";
        var target = ShardedCopy(single, 0, 200, 400, 800);
        var whole = await single.RunAsync(single.WriteConfig(quick, target: target, horizons: "[400, 800]"));

        var config = parts.WriteConfig(quick, target: target, horizons: "[400, 800]");
        for (var i = 0; i < 4; i++)
            await new ShardJob(parts.Observer).RunAsync(ConfigPipeline.Load(config, _ => null), new ShardSpec(i, 4), CancellationToken.None);
        var merged = await new ShardMerge(parts.Observer, _ => null).RunAsync(ConfigPipeline.Load(config, _ => null), CancellationToken.None);

        Assert.Equal(whole.ForecastPaths.Select(Path.GetFileName), merged.ForecastPaths.Select(Path.GetFileName));
        for (var h = 0; h < whole.ForecastPaths.Count; h++)
        {
            var expected = Directory.GetFiles(whole.ForecastPaths[h]).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Contains("model.safetensors.index.json", expected);
            Assert.Equal(expected, Directory.GetFiles(merged.ForecastPaths[h]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var file in expected)
                Assert.Equal(File.ReadAllBytes(Path.Combine(whole.ForecastPaths[h], file!)), File.ReadAllBytes(Path.Combine(merged.ForecastPaths[h], file!)));
        }
        Assert.Equal(whole.Report.Horizons.Select(x => (x.Forecast, x.Baselines)), merged.Report.Horizons.Select(x => (x.Forecast, x.Baselines)));
        Assert.Equal(whole.Report.Horizons.SelectMany(x => x.Tensors!), merged.Report.Horizons.SelectMany(x => x.Tensors!));
    }

    /// <summary>The fixture's seed-1 run as two-shard folders (l1.* in the first shard file, the rest in the second).</summary>
    private static string ShardedCopy(JobTestKit kit, params int[] steps)
    {
        var target = Path.Combine(kit.Root, "sharded", "checkpoint-{step}");
        foreach (var step in steps)
        {
            var text = step.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var source = CheckpointReader.Open(JobTestKit.FixtureRun(1).Replace("{step}", text, StringComparison.Ordinal));
            var layout = source.Tensors.Select(t => (t, t.Name.StartsWith("l1", StringComparison.Ordinal) ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors"));
            using var writer = new ShardedSafetensorsWriter(target.Replace("{step}", text, StringComparison.Ordinal), layout);
            foreach (var t in source.Tensors)
                CheckpointWriter.CopyTensor(source, writer, t.Name);
            writer.Commit();
        }
        return target;
    }
}
