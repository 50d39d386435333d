using YamlDotNet.RepresentationModel;

namespace WeightFarcast.CiIntegration.Tests;

public class AzureTemplateYamlTests
{
    private static readonly YamlMappingNode Template = PipelineYaml.Load("azure/farcast-steps.yml");

    private static IReadOnlyList<YamlNode> Steps => PipelineYaml.Items(Template, "steps");

    private static List<string> Declared =>
        PipelineYaml.Items(Template, "parameters").Select(p => PipelineYaml.Text(p, "name")).ToList();

    [Fact]
    public void Declares_config_version_and_working_directory()
    {
        Assert.Equal(["config", "version", "workingDirectory"], Declared);
        Assert.All(PipelineYaml.Items(Template, "parameters"), p => Assert.Equal("string", PipelineYaml.Text(p, "type")));
    }

    [Fact]
    public void Every_parameter_is_used_and_every_used_parameter_is_declared()
    {
        var used = PipelineYaml.Referenced(PipelineYaml.Get(Template, "steps"), "parameters");

        Assert.Equal(Declared.Order(), used.Order());
    }

    [Fact]
    public void Uses_the_dotnet_10_sdk_and_caches_nuget()
    {
        var useDotNet = Steps.Single(s => PipelineYaml.TextOrNull(s, "task") == "UseDotNet@2");
        Assert.Equal("sdk", PipelineYaml.Text(PipelineYaml.Get(useDotNet, "inputs"), "packageType"));
        Assert.Equal("10.0.x", PipelineYaml.Text(PipelineYaml.Get(useDotNet, "inputs"), "version"));

        var cache = PipelineYaml.Get(Steps.Single(s => PipelineYaml.TextOrNull(s, "task") == "Cache@2"), "inputs");
        Assert.Contains("parameters.version", PipelineYaml.Text(cache, "key"));
        var packages = PipelineYaml.Text(cache, "path");
        Assert.All(Steps.Where(s => PipelineYaml.TextOrNull(s, "bash") is not null),
            s => Assert.Equal(packages, PipelineYaml.Text(PipelineYaml.Get(s, "env"), "NUGET_PACKAGES")));
    }

    [Fact]
    public void The_run_step_is_named_for_its_output_variables_and_maps_the_mlflow_secrets()
    {
        var run = Steps.Single(s => PipelineYaml.TextOrNull(s, "name") == "farcast");

        Assert.Contains("weightfarcast run --config \"$WF_CONFIG\"", PipelineYaml.Text(run, "bash"));
        var env = PipelineYaml.Get(run, "env");
        Assert.Equal("$(MLFLOW_TRACKING_TOKEN)", PipelineYaml.Text(env, "MLFLOW_TRACKING_TOKEN"));
        Assert.Equal("$(MLFLOW_TRACKING_PASSWORD)", PipelineYaml.Text(env, "MLFLOW_TRACKING_PASSWORD"));
    }

    [Fact]
    public void Scripts_take_parameters_from_env_and_never_contain_macro_syntax()
    {
        foreach (var script in Steps.Select(s => PipelineYaml.TextOrNull(s, "bash")).OfType<string>())
        {
            Assert.DoesNotContain("${{", script);
            // The agent would expand $(NAME) inside the script text before bash sees it.
            Assert.DoesNotMatch(@"\$\([A-Za-z_][\w.]*\)", script);
        }
    }
}
