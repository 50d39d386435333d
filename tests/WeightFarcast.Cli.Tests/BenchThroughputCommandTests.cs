using System.Text.Json;

namespace WeightFarcast.Cli.Tests;

public class BenchThroughputCommandTests
{
    [Fact]
    public async Task Bench_throughput_prints_one_json_object_with_the_measurements_and_leaves_no_files()
    {
        using var cli = new CliRunner();
        var scratch = Path.Combine(cli.Folder, "scratch");

        var result = await cli.RunAsync("bench", "throughput", "--params", "2000000", "--dtype", "bf16", "--horizons", "2", "--json", "--dir", "scratch");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        foreach (var field in new[] { "apply_gbps", "floor_gbps", "ratio_to_floor", "peak_rss_mib", "peak_rss_growth_mib" })
            Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty(field).ValueKind);
        Assert.True(json.RootElement.GetProperty("apply_gbps").GetDouble() > 0);
        Assert.Equal("bf16", json.RootElement.GetProperty("dtype").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("horizons").GetInt32());
        Assert.Empty(Directory.GetFileSystemEntries(scratch));
    }

    [Fact]
    public async Task Bench_throughput_refuses_an_unknown_dtype()
    {
        using var cli = new CliRunner();
        var result = await cli.RunAsync("bench", "throughput", "--params", "2000000", "--dtype", "f64");
        Assert.Equal((int)ExitCode.UsageError, result.ExitCode);
    }
}
