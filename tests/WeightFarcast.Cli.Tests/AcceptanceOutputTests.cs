namespace WeightFarcast.Cli.Tests;

/// <summary>A rejected forecast is written but not published: GitHub's `forecasts` output leaves it out.</summary>
public class AcceptanceOutputTests
{
    [Fact]
    public async Task Rejected_forecasts_are_left_out_of_the_published_outputs()
    {
        using var cli = new CliRunner();
        const string command = "python3 -c \"import sys; print(''loss='' + (''0.9'' if ''step-800'' in sys.argv[1] else ''0.1''))\" {checkpoint}";
        cli.WriteConfig($"forecaster: {{ optimizer: {{ max_epochs: 3 }} }}\ntracking: {{ uri: none }}\nacceptance: {{ command: '{command}' }}");
        var outputs = Path.Combine(cli.Folder, "github_output");
        cli.Environment["GITHUB_ACTIONS"] = "true";
        cli.Environment["GITHUB_OUTPUT"] = outputs;

        var result = await cli.RunAsync("run");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = File.ReadAllText(outputs);
        var forecasts = Section(lines, "forecasts");
        var rejected = Section(lines, "rejected");
        Assert.Contains("step-400.safetensors", forecasts, StringComparison.Ordinal);
        Assert.DoesNotContain("step-800", forecasts, StringComparison.Ordinal);
        Assert.Contains("step-800.safetensors", rejected, StringComparison.Ordinal);
        Assert.Contains("::warning", result.Out, StringComparison.Ordinal);
        Assert.Contains("rejected:   ", result.Out, StringComparison.Ordinal);
    }

    // GITHUB_OUTPUT multi-line values: name<<DELIMITER, the lines, DELIMITER.
    private static string Section(string file, string name)
    {
        var lines = file.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith($"{name}<<", StringComparison.Ordinal));
        if (start < 0)
            return lines.FirstOrDefault(l => l.StartsWith($"{name}=", StringComparison.Ordinal)) ?? "";
        var delimiter = lines[start][(name.Length + 2)..];
        return string.Join('\n', lines.Skip(start + 1).TakeWhile(l => l != delimiter));
    }
}
