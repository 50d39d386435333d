using System.Collections;

namespace WeightFarcast.Cli;

/// <summary>What a command may touch of the outside world; tests pass their own to drive the CLI in-process.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory)
{
    public static CliContext FromProcess() =>
        new(Console.Out, Console.Error, ProcessEnvironment(), Directory.GetCurrentDirectory());

    public string? GetEnvironment(string name) => Environment.TryGetValue(name, out var value) ? value : null;

    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);

    private static Dictionary<string, string> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
}
