using WeightFarcast.Tests.Shared;

namespace WeightFarcast.CiIntegration.Tests;

public class ExamplePipelinesYamlTests
{
    [Fact]
    public void Example_workflow_uses_the_action_that_exists_and_uploads_its_outputs()
    {
        var workflow = PipelineYaml.Load("github/example-workflow.yml");
        var jobs = PipelineYaml.Get(workflow, "jobs");
        Assert.Equal(["train", "farcast"], PipelineYaml.Keys(workflow, "jobs"));
        Assert.All(PipelineYaml.Keys(workflow, "jobs"), job => Assert.Equal("ubuntu-latest", PipelineYaml.Text(PipelineYaml.Get(jobs, job), "runs-on")));

        var farcastJob = PipelineYaml.Get(jobs, "farcast");
        Assert.Equal("train", PipelineYaml.Text(farcastJob, "needs"));
        var steps = PipelineYaml.Items(farcastJob, "steps");
        var actionStep = steps.Single(s => PipelineYaml.TextOrNull(s, "uses")?.StartsWith("./", StringComparison.Ordinal) == true);
        var actionPath = PipelineYaml.Text(actionStep, "uses");
        Assert.Equal("./pipelines/github", actionPath);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, actionPath, "action.yml")), $"{actionPath}/action.yml is missing");

        var upload = steps.Last();
        Assert.Equal("actions/upload-artifact@v4", PipelineYaml.Text(upload, "uses"));
        var actionId = PipelineYaml.Text(actionStep, "id");
        var actionOutputs = PipelineYaml.Keys(PipelineYaml.Load("github/action.yml"), "outputs").ToHashSet();
        var uploaded = PipelineYaml.Expressions(PipelineYaml.Get(upload, "with")).Select(e => e.Trim()).ToList();
        Assert.Equal(actionOutputs.Order().Select(o => $"steps.{actionId}.outputs.{o}"), uploaded.Order());
    }

    [Fact]
    public void Example_workflow_marks_the_training_step_as_the_users_own()
    {
        var train = PipelineYaml.Items(PipelineYaml.Get(PipelineYaml.Get(PipelineYaml.Load("github/example-workflow.yml"), "jobs"), "train"), "steps");

        var step = train.Single(s => PipelineYaml.TextOrNull(s, "run")?.Contains("train.py", StringComparison.Ordinal) == true);
        Assert.Contains("your own", PipelineYaml.Text(step, "name"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Example_pipeline_runs_train_then_farcast_with_the_template_and_publishes()
    {
        var pipeline = PipelineYaml.Load("azure/example-pipeline.yml");
        var stages = PipelineYaml.Items(pipeline, "stages");
        Assert.Equal(["Train", "Farcast"], stages.Select(s => PipelineYaml.Text(s, "stage")));
        Assert.Equal("Train", PipelineYaml.Text(stages[1], "dependsOn"));

        var farcastSteps = PipelineYaml.Items(PipelineYaml.Items(stages[1], "jobs").Single(), "steps");
        var templateStep = farcastSteps.Single(s => PipelineYaml.TextOrNull(s, "template") is not null);
        var templatePath = Path.Combine(PipelineYaml.Folder, "azure", PipelineYaml.Text(templateStep, "template"));
        Assert.True(File.Exists(templatePath), $"{templatePath} is missing");

        var declared = PipelineYaml.Items(PipelineYaml.Load("azure/farcast-steps.yml"), "parameters").Select(p => PipelineYaml.Text(p, "name"));
        Assert.Subset(declared.ToHashSet(), PipelineYaml.Keys(templateStep, "parameters").ToHashSet());

        var afterTemplate = farcastSteps.SkipWhile(s => s != templateStep).Skip(1);
        Assert.Contains(afterTemplate, s => PipelineYaml.TextOrNull(s, "publish") is not null);
    }
}
