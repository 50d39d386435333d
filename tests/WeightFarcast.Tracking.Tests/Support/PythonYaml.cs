using System.Diagnostics;
using System.Text.Json.Nodes;

namespace WeightFarcast.Tracking.Tests.Support;

/// <summary>
/// Loads a YAML file with PyYAML's safe_load (the parser MLflow's FileStore uses), when python3 and
/// PyYAML are installed, and reports each top-level value with its Python type name.
/// </summary>
public static class PythonYaml
{
    private const string Script =
        "import json, sys, yaml\n" +
        "d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n" +
        "print(json.dumps({k: [type(v).__name__, v] for k, v in d.items()}))\n";

    public static bool Available { get; } = Run("-c", "import yaml") is not null;

    /// <summary>key -> (Python type name, value as JSON).</summary>
    public static Dictionary<string, (string Type, JsonNode? Value)> Load(string path)
    {
        var output = Run("-c", Script, path) ?? throw new InvalidOperationException($"PyYAML could not load {path}");
        return JsonNode.Parse(output)!.AsObject().ToDictionary(p => p.Key, p => (p.Value![0]!.GetValue<string>(), p.Value[1]));
    }

    private static string? Run(params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>A fact that needs python3 with PyYAML; reported as skipped when they are missing.</summary>
public sealed class PythonYamlFactAttribute : FactAttribute
{
    public PythonYamlFactAttribute()
    {
        if (!PythonYaml.Available)
            Skip = "python3 with PyYAML is not installed.";
    }
}
