using YamlDotNet.RepresentationModel;

namespace WeightFarcast.CiIntegration.Tests;

public class PipelineFilesTests
{
    public static TheoryData<string> Files() =>
        new(PipelineYaml.AllFiles().Select(f => Path.GetRelativePath(PipelineYaml.Folder, f)));

    [Fact]
    public void The_four_pipeline_files_exist()
    {
        var files = PipelineYaml.AllFiles().Select(f => Path.GetRelativePath(PipelineYaml.Folder, f).Replace('\\', '/'));

        Assert.Superset(
            new HashSet<string> { "github/action.yml", "github/example-workflow.yml", "azure/farcast-steps.yml", "azure/example-pipeline.yml" },
            files.ToHashSet());
        Assert.True(File.Exists(Path.Combine(PipelineYaml.Folder, "README.md")));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_pipeline_file_is_one_yaml_mapping_without_tabs(string file)
    {
        var root = PipelineYaml.Load(file);

        Assert.NotEmpty(root.Children);
        Assert.DoesNotContain('\t', File.ReadAllText(Path.Combine(PipelineYaml.Folder, file)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Template_expressions_are_closed(string file)
    {
        foreach (var scalar in PipelineYaml.Scalars(PipelineYaml.Load(file)))
        {
            var opened = scalar.Split("${{").Length - 1;
            var closed = PipelineYaml.Expressions(new YamlScalarNode(scalar)).Count();
            Assert.True(opened == closed, $"unclosed ${{{{ in '{scalar}' ({file})");
        }
    }
}
