using System.Diagnostics;
using System.Text.Json.Nodes;

namespace WeightFarcast.Cli.Tests;

/// <summary>`run --shard i/N` + `merge` as real child processes of the built tool, against a single-process `run`.</summary>
public class ShardedRunTests
{
    private const string Quick = "forecaster: { sample: 50000, optimizer: { max_epochs: 10 } }";

    [Fact]
    public async Task Three_shard_processes_and_merge_give_the_single_run_files_byte_for_byte_and_the_same_metrics()
    {
        using var single = new CliRunner();
        using var sharded = new CliRunner();
        single.WriteConfig(Quick + "\ntracking: { uri: none }", horizons: "[400, 800, 1500]");
        sharded.WriteConfig(Quick, horizons: "[400, 800, 1500]"); // default tracking: ./mlruns, which only merge may use

        var whole = await Tool(single.Folder, "run", "--config", "farcast.yaml");
        Assert.True(whole.ExitCode == 0, whole.ToString());
        var shards = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Tool(sharded.Folder, "run", "--config", "farcast.yaml", "--shard", $"{i}/3")));
        Assert.All(shards, s => Assert.True(s.ExitCode == 0, s.ToString()));
        Assert.False(Directory.Exists(Path.Combine(sharded.Folder, "mlruns")), "shard runs log nothing to tracking");
        Assert.Contains("shard 1/3 (partial", File.ReadAllText(Path.Combine(sharded.Folder, "out", "shards", "1-of-3", "report.md")), StringComparison.Ordinal);
        var merge = await Tool(sharded.Folder, "merge", "--config", "farcast.yaml");
        Assert.True(merge.ExitCode == 0, merge.ToString());

        foreach (var step in new[] { 400, 800, 1500 })
        {
            var name = $"step-{step}.safetensors";
            Assert.Equal(File.ReadAllBytes(Path.Combine(single.Folder, "out", name)), File.ReadAllBytes(Path.Combine(sharded.Folder, "out", name)));
        }
        var expected = Horizons(single.Folder);
        var actual = Horizons(sharded.Folder);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(JsonNode.DeepEquals(expected[i], actual[i]), $"horizon {i}:\n{expected[i]}\nvs\n{actual[i]}");
        var runs = Directory.GetFiles(Path.Combine(sharded.Folder, "mlruns"), "meta.yaml", SearchOption.AllDirectories)
            .Count(f => File.Exists(Path.Combine(Path.GetDirectoryName(f)!, "params", "device.resolved")));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Merge_names_a_missing_shard_and_refuses_parts_of_different_splits()
    {
        using var cli = new CliRunner();
        cli.WriteConfig(Quick + "\ntracking: { uri: none }");

        var nothing = await cli.RunAsync("merge");
        Assert.Equal((int)ExitCode.InputMissing, nothing.ExitCode);
        Assert.Contains("no shard parts", nothing.Error, StringComparison.Ordinal);

        var first = await cli.RunAsync("run", "--shard", "0/2");
        Assert.True(first.ExitCode == 0, first.ToString());
        var missing = await cli.RunAsync("merge");
        Assert.Equal((int)ExitCode.InputMissing, missing.ExitCode);
        Assert.Contains("shard 1/2 is missing", missing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.Folder, "out", "step-400.safetensors")));

        var shards = Path.Combine(cli.Folder, "out", "shards");
        CopyFolder(Path.Combine(shards, "0-of-2"), Path.Combine(shards, "0-of-3"));
        var mixed = await cli.RunAsync("merge");
        Assert.Equal((int)ExitCode.InputMissing, mixed.ExitCode);
        Assert.Contains("different splits (N = 2 and N = 3)", mixed.Error, StringComparison.Ordinal);

        Directory.Delete(Path.Combine(shards, "0-of-2"), true);
        CopyFolder(Path.Combine(shards, "0-of-3"), Path.Combine(shards, "1-of-3"));
        CopyFolder(Path.Combine(shards, "0-of-3"), Path.Combine(shards, "2-of-3"));
        var relabelled = await cli.RunAsync("merge");
        Assert.Equal((int)ExitCode.InputMissing, relabelled.ExitCode);
        Assert.Contains("says it is shard 0/2", relabelled.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shard_options_are_checked_on_the_command_line_and_from_the_indexed_job_environment()
    {
        using var cli = new CliRunner();
        cli.WriteConfig(Quick + "\ntracking: { uri: none }");

        Assert.Equal((int)ExitCode.UsageError, (await cli.RunAsync("run", "--shard", "3/3")).ExitCode);
        Assert.Equal((int)ExitCode.UsageError, (await cli.RunAsync("run", "--shards", "0")).ExitCode);
        var noIndex = await cli.RunAsync("run", "--shards", "4");
        Assert.Equal((int)ExitCode.ConfigInvalid, noIndex.ExitCode);
        Assert.Contains("JOB_COMPLETION_INDEX is not", noIndex.Error, StringComparison.Ordinal);
        cli.Environment["JOB_COMPLETION_INDEX"] = "4";
        cli.Environment["WEIGHTFARCAST_SHARDS"] = "4";
        var outOfRange = await cli.RunAsync("run");
        Assert.Equal((int)ExitCode.ConfigInvalid, outOfRange.ExitCode);
        Assert.Contains("JOB_COMPLETION_INDEX=4 is not a shard index in [0, 4)", outOfRange.Error, StringComparison.Ordinal);
    }

    private static List<JsonNode> Horizons(string folder)
    {
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "report.json")))!;
        return report["horizons"]!.AsArray().Select(h =>
        {
            var copy = h!.DeepClone().AsObject();
            copy.Remove("output"); // the folder differs, nothing else may
            return (JsonNode)copy;
        }).ToList();
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    /// <summary>The built tool as a separate process (`dotnet weightfarcast.dll ...`), CI variables removed.</summary>
    private static async Task<CliResult> Tool(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "weightfarcast.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var variable in new[] { "GITHUB_ACTIONS", "TF_BUILD", "CI", "MLFLOW_TRACKING_URI", "JOB_COMPLETION_INDEX", "WEIGHTFARCAST_SHARDS" })
            start.Environment.Remove(variable);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CliResult(process.ExitCode, await output, await error);
    }
}
