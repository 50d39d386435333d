using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace WeightFarcast.Job.Configuration;

/// <summary>A parsed configuration with where it came from, before paths are resolved.</summary>
public sealed record LoadedConfig(FarcastConfig Config, string? FilePath, YamlKeyLocations Locations)
{
    /// <summary>Relative paths in the file resolve against this folder.</summary>
    public string BaseDirectory => FilePath is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(FilePath))!;
}

/// <summary>Reads YAML into <see cref="FarcastConfig"/>; syntax errors and unknown keys carry their line and column.</summary>
public static class ConfigLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static LoadedConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(new ConfigProblem("", $"cannot read configuration file {path}: {e.Message}", path));
        }
        return Parse(text, path);
    }

    public static LoadedConfig Parse(string yaml, string? filePath = null)
    {
        try
        {
            var config = Deserializer.Deserialize<FarcastConfig?>(yaml) ?? new FarcastConfig();
            // Sections written as `key:` with nothing after them deserialize to null: treat them as defaults.
            config.Target ??= new();
            config.Forecaster ??= new();
            config.Forecaster.Regularizer ??= new();
            config.Forecaster.Optimizer ??= new();
            config.Forecaster.Inputs ??= ["initial", "observed"];
            config.Output ??= new();
            config.Tracking ??= new();
            config.Acceptance ??= new();
            config.Reference ??= [];
            config.Horizons ??= [];
            return new LoadedConfig(config, filePath, YamlKeyLocations.Parse(yaml));
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Trim();
            var line = yaml.Split('\n').ElementAtOrDefault((int)e.Start.Line - 1) ?? "";
            if (line.Contains("{step}", StringComparison.Ordinal) && (line.Contains('[') || line.Contains('{')))
                message += " Hint: inside [...] or {...}, quote paths that contain {step}, e.g. ['runs/a/step-{step}.safetensors'].";
            var unknownKey = System.Text.RegularExpressions.Regex.Match(message, "^Property '(?<key>[^']+)' not found on type");
            if (unknownKey.Success)
                message = $"unknown key '{unknownKey.Groups["key"].Value}' (`weightfarcast init` writes every valid key with its description)";
            throw new ConfigException(new ConfigProblem("", unknownKey.Success ? message : $"invalid YAML: {message}", filePath ?? "<config>", (int)e.Start.Line, (int)e.Start.Column));
        }
    }
}
