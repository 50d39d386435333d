namespace WeightFarcast.Job.Configuration;

/// <summary>File -> YAML parse -> environment overrides -> validation -> absolute paths: the one way every command
/// gets its configuration, so `validate`, `config show` and `run` can never disagree.</summary>
public static class ConfigPipeline
{
    public const string DefaultFileName = "farcast.yaml";

    public static EffectiveSettings Load(string? configPath, Func<string, string?> getEnv, string? workingDirectory = null)
    {
        var path = configPath ?? Path.Combine(workingDirectory ?? Directory.GetCurrentDirectory(), DefaultFileName);
        if (!File.Exists(path))
        {
            throw new ConfigException(new ConfigProblem("", configPath is null
                ? $"no configuration given and {path} does not exist (run `weightfarcast init` to write one, or pass --config)"
                : $"configuration file {path} does not exist"));
        }
        var loaded = ConfigLoader.LoadFile(path);
        var overrides = EnvironmentOverrides.Apply(loaded.Config, getEnv);
        FarcastConfigValidator.ValidateOrThrow(loaded);
        ConfigPaths.ResolveInPlace(loaded.Config, loaded.BaseDirectory);
        return new EffectiveSettings(loaded.Config, Path.GetFullPath(path), overrides, loaded.Locations);
    }
}

/// <summary>A validated configuration with absolute paths, plus where each overridden value came from.</summary>
public sealed record EffectiveSettings(
    FarcastConfig Config,
    string? ConfigFile,
    IReadOnlyDictionary<string, string> Overrides,
    YamlKeyLocations Locations);
