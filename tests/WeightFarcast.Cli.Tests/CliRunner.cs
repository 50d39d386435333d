using WeightFarcast.Tests.Shared;

namespace WeightFarcast.Cli.Tests;

/// <summary>Runs the CLI in-process with its own stdout, stderr, environment and working folder.</summary>
internal sealed class CliRunner : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "wf-cli-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public CliRunner() => Directory.CreateDirectory(Folder);

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, new CliContext(output, error, Environment, Folder), cancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static string FixtureRun(int seed) => RepoPaths.Fixture("digits-mlp", $"seed-{seed}", "step-{step}.safetensors");

    public string WriteConfig(string extra = "", string horizons = "[400, 800]")
    {
        var path = Path.Combine(Folder, "farcast.yaml");
        File.WriteAllText(path, $"""
            version: 1
            target:
              checkpoints: '{FixtureRun(1)}'
              initial_step: 0
              observed_step: 200
            reference: ['{FixtureRun(11)}', '{FixtureRun(12)}']
            horizons: {horizons}
            output: {"{"} directory: out {"}"}
            device: cpu
            {extra}
            """);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
