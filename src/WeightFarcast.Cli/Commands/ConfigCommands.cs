using System.CommandLine;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Output;

namespace WeightFarcast.Cli.Commands;

/// <summary>`init`, `validate`, `config show`, `schema`: everything about the configuration file itself.</summary>
internal static class ConfigCommands
{
    public static Option<string?> ConfigOption() => new("--config", "-c")
    {
        Description = $"Path of the job configuration (default: ./{ConfigPipeline.DefaultFileName}).",
    };

    public static Command Init(CliContext context)
    {
        var dir = new Option<string?>("--dir") { Description = "Folder to write farcast.yaml and farcast.schema.json into (default: current folder)." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing farcast.yaml." };
        var command = new Command("init", "Write a commented farcast.yaml with every default, and its JSON schema for editors.") { dir, force };
        command.SetAction(parse =>
        {
            var folder = context.ResolvePath(parse.GetValue(dir) ?? ".");
            Directory.CreateDirectory(folder);
            var target = Path.Combine(folder, ConfigPipeline.DefaultFileName);
            if (File.Exists(target) && !parse.GetValue(force))
                throw new ConfigException(new ConfigProblem("", $"{target} already exists (use --force to overwrite)"));
            AtomicFile.WriteAllText(target, ConfigTemplate.Render(ConfigTemplate.Sample()));
            AtomicFile.WriteAllText(Path.Combine(folder, ConfigTemplate.SchemaFileName), ConfigSchema.Generate());
            context.Out.WriteLine(target);
            return (int)ExitCode.Success;
        });
        return command;
    }

    public static Command Validate(CliContext context)
    {
        var config = ConfigOption();
        var command = new Command("validate", "Check a configuration without running anything heavy; every problem is listed with its field and line.") { config };
        command.SetAction(parse =>
        {
            var settings = LoadSettings(context, parse, config);
            Job.Planning.JobPlanner.Plan(settings.Config);
            context.Out.WriteLine($"{settings.ConfigFile}: valid");
            return (int)ExitCode.Success;
        });
        return command;
    }

    public static Command Show(CliContext context)
    {
        var config = ConfigOption();
        var show = new Command("show", "Print the effective configuration (defaults + file + environment), secrets redacted.") { config };
        show.SetAction(parse =>
        {
            var settings = LoadSettings(context, parse, config);
            context.Out.WriteLine($"# effective configuration of {settings.ConfigFile}");
            foreach (var (path, variable) in settings.Overrides)
                context.Out.WriteLine($"# {path} from ${variable}");
            context.Out.Write(EffectiveConfig.ToYaml(settings.Config));
            return (int)ExitCode.Success;
        });
        return new Command("config", "Inspect the configuration.") { show };
    }

    public static Command Schema(CliContext context)
    {
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("schema", "Print the JSON schema of farcast.yaml (generated from the configuration types).") { output };
        command.SetAction(parse =>
        {
            var schema = ConfigSchema.Generate();
            if (parse.GetValue(output) is { } path)
                AtomicFile.WriteAllText(context.ResolvePath(path), schema);
            else
                context.Out.Write(schema);
            return (int)ExitCode.Success;
        });
        return command;
    }

    public static string? ResolveConfig(CliContext context, string? path) => path is null ? null : context.ResolvePath(path);

    /// <summary>The configuration named by --config (or ./farcast.yaml), through the one pipeline every command uses.</summary>
    public static EffectiveSettings LoadSettings(CliContext context, ParseResult parse, Option<string?> config) =>
        ConfigPipeline.Load(ResolveConfig(context, parse.GetValue(config)), context.GetEnvironment, context.WorkingDirectory);
}
