using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace WeightFarcast.CiIntegration.Tests;

public class GitHubActionYamlTests
{
    private static readonly YamlMappingNode Action = PipelineYaml.Load("github/action.yml");

    private static IReadOnlyList<YamlNode> Steps => PipelineYaml.Items(PipelineYaml.Get(Action, "runs"), "steps");

    private static HashSet<string> StepIds => Steps.Select(s => PipelineYaml.TextOrNull(s, "id")).OfType<string>().ToHashSet();

    [Fact]
    public void Is_a_composite_action_with_a_name_and_description()
    {
        Assert.Equal("composite", PipelineYaml.Text(PipelineYaml.Get(Action, "runs"), "using"));
        Assert.NotEmpty(PipelineYaml.Text(Action, "name"));
        Assert.NotEmpty(PipelineYaml.Text(Action, "description"));
    }

    [Fact]
    public void Declares_the_four_inputs_with_their_defaults()
    {
        var inputs = PipelineYaml.Get(Action, "inputs");

        Assert.Equal(["config", "version", "working-directory", "dotnet-version"], PipelineYaml.Keys(Action, "inputs"));
        Assert.Equal("farcast.yaml", PipelineYaml.Text(PipelineYaml.Get(inputs, "config"), "default"));
        Assert.Equal("latest", PipelineYaml.Text(PipelineYaml.Get(inputs, "version"), "default"));
        Assert.Equal(".", PipelineYaml.Text(PipelineYaml.Get(inputs, "working-directory"), "default"));
        Assert.Equal("10.0.x", PipelineYaml.Text(PipelineYaml.Get(inputs, "dotnet-version"), "default"));
        Assert.All(PipelineYaml.Keys(Action, "inputs"), name => Assert.NotEmpty(PipelineYaml.Text(PipelineYaml.Get(inputs, name), "description")));
    }

    [Fact]
    public void Every_declared_input_is_used_and_every_used_input_is_declared()
    {
        var declared = PipelineYaml.Keys(Action, "inputs").ToHashSet();
        var used = PipelineYaml.Referenced(PipelineYaml.Get(Action, "runs"), "inputs");

        Assert.Equal(declared.Order(), used.Order());
    }

    [Fact]
    public void Outputs_map_the_run_steps_report_and_forecasts()
    {
        var outputs = PipelineYaml.Get(Action, "outputs");

        Assert.Equal(["report", "forecasts"], PipelineYaml.Keys(Action, "outputs"));
        foreach (var name in PipelineYaml.Keys(Action, "outputs"))
        {
            var value = PipelineYaml.Text(PipelineYaml.Get(outputs, name), "value");
            var match = Regex.Match(value, @"^\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}$");
            Assert.True(match.Success, $"output '{name}' is '{value}'");
            Assert.Contains(match.Groups[1].Value, StepIds);
            Assert.Equal("run", match.Groups[1].Value);
            Assert.Equal(name, match.Groups[2].Value);
        }
    }

    [Fact]
    public void Step_references_name_existing_steps()
    {
        var referenced = PipelineYaml.Referenced(Action, "steps");

        Assert.NotEmpty(referenced);
        Assert.Subset(StepIds, referenced);
    }

    [Fact]
    public void Sets_up_dotnet_caches_nuget_then_installs_and_runs_the_tool()
    {
        var uses = Steps.Select(s => PipelineYaml.TextOrNull(s, "uses")).OfType<string>().ToList();
        Assert.Equal(["actions/setup-dotnet@v4", "actions/cache@v4"], uses);

        var cache = Steps.Single(s => PipelineYaml.TextOrNull(s, "uses") == "actions/cache@v4");
        var cacheWith = PipelineYaml.Get(cache, "with");
        Assert.Equal("~/.nuget/packages", PipelineYaml.Text(cacheWith, "path"));
        Assert.Contains("inputs.version", PipelineYaml.Text(cacheWith, "key"));

        var install = PipelineYaml.Text(Steps.Single(s => PipelineYaml.TextOrNull(s, "id") == "install"), "run");
        Assert.Contains("dotnet tool restore", install);
        Assert.Contains(".config/dotnet-tools.json", install);
        Assert.Contains("dotnet tool install WeightFarcast --tool-path", install);

        var run = PipelineYaml.Text(Steps.Single(s => PipelineYaml.TextOrNull(s, "id") == "run"), "run");
        Assert.Contains("weightfarcast run --config \"$WF_CONFIG\"", run);
    }

    [Fact]
    public void Scripts_take_inputs_from_env_not_from_expressions()
    {
        foreach (var step in Steps)
        {
            var script = PipelineYaml.TextOrNull(step, "run");
            if (script is not null)
                Assert.DoesNotContain("${{", script);
            if (script is not null)
                Assert.Equal("bash", PipelineYaml.Text(step, "shell"));
        }
    }
}
