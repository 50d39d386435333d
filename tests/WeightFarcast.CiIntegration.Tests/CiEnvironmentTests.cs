namespace WeightFarcast.CiIntegration.Tests;

public class CiEnvironmentTests
{
    [Fact]
    public void Local_terminal_is_interactive_and_has_no_tags()
    {
        var environment = FakeEnvironment.Detect();

        Assert.Equal(CiKind.None, environment.Kind);
        Assert.True(environment.IsInteractive);
        Assert.Null(environment.RunUrl);
        Assert.Empty(environment.ContextTags);
    }

    [Fact]
    public void GitHub_actions_gives_run_url_sha_files_and_tags()
    {
        var environment = FakeEnvironment.Detect(
            ("GITHUB_ACTIONS", "true"), ("CI", "true"),
            ("GITHUB_SERVER_URL", "https://github.com/"), ("GITHUB_REPOSITORY", "acme/model"),
            ("GITHUB_RUN_ID", "4242"), ("GITHUB_RUN_ATTEMPT", "2"), ("GITHUB_SHA", "abc123"),
            ("GITHUB_REF_NAME", "main"), ("GITHUB_WORKFLOW", "train"), ("GITHUB_JOB", "farcast"),
            ("GITHUB_STEP_SUMMARY", "/runner/summary.md"), ("GITHUB_OUTPUT", "/runner/output.txt"));

        Assert.Equal(CiKind.GitHubActions, environment.Kind);
        Assert.False(environment.IsInteractive);
        Assert.Equal("https://github.com/acme/model/actions/runs/4242", environment.RunUrl);
        Assert.Equal("4242", environment.BuildId);
        Assert.Equal("abc123", environment.CommitSha);
        Assert.Equal("/runner/summary.md", environment.StepSummaryPath);
        Assert.Equal("/runner/output.txt", environment.OutputPath);
        Assert.Equal(new Dictionary<string, string>
        {
            ["ci.branch"] = "main",
            ["ci.build_id"] = "4242",
            ["ci.commit"] = "abc123",
            ["ci.job"] = "farcast",
            ["ci.provider"] = "github-actions",
            ["ci.repository"] = "acme/model",
            ["ci.run_attempt"] = "2",
            ["ci.run_url"] = "https://github.com/acme/model/actions/runs/4242",
            ["ci.workflow"] = "train",
        }, environment.ContextTags);
    }

    [Fact]
    public void Azure_pipelines_builds_the_results_url_with_an_escaped_project()
    {
        var environment = FakeEnvironment.Detect(
            ("TF_BUILD", "True"), ("BUILD_BUILDID", "77"), ("BUILD_SOURCEVERSION", "def456"),
            ("SYSTEM_COLLECTIONURI", "https://dev.azure.com/acme/"), ("SYSTEM_TEAMPROJECT", "ML Models"),
            ("AGENT_TEMPDIRECTORY", "/agent/_temp"), ("BUILD_BUILDNUMBER", "20250101.3"));

        Assert.Equal(CiKind.AzurePipelines, environment.Kind);
        Assert.Equal("https://dev.azure.com/acme/ML%20Models/_build/results?buildId=77", environment.RunUrl);
        Assert.Equal("77", environment.BuildId);
        Assert.Equal("def456", environment.CommitSha);
        Assert.Equal("/agent/_temp", environment.AgentTempDirectory);
        Assert.Equal("azure-pipelines", environment.ContextTags["ci.provider"]);
        Assert.Equal(environment.RunUrl, environment.ContextTags["ci.run_url"]);
        Assert.Equal("77", environment.ContextTags["ci.build_id"]);
        Assert.Equal("def456", environment.ContextTags["ci.commit"]);
        Assert.Equal("20250101.3", environment.ContextTags["ci.build_number"]);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("1")]
    public void Generic_ci_is_not_interactive(string value)
    {
        var environment = FakeEnvironment.Detect(("CI", value));

        Assert.Equal(CiKind.GenericCi, environment.Kind);
        Assert.False(environment.IsInteractive);
        Assert.Equal(new Dictionary<string, string> { ["ci.provider"] = "generic" }, environment.ContextTags);
    }

    [Theory]
    [InlineData("GITHUB_ACTIONS", "false")]
    [InlineData("TF_BUILD", "False")]
    [InlineData("CI", "false")]
    [InlineData("CI", "")]
    public void Variables_that_say_no_mean_local(string name, string value) =>
        Assert.Equal(CiKind.None, FakeEnvironment.Detect((name, value)).Kind);

    [Fact]
    public void Missing_url_parts_leave_the_run_url_unset()
    {
        var environment = FakeEnvironment.Detect(("GITHUB_ACTIONS", "true"), ("GITHUB_RUN_ID", "1"));

        Assert.Null(environment.RunUrl);
        Assert.False(environment.ContextTags.ContainsKey("ci.run_url"));
        Assert.Equal("1", environment.ContextTags["ci.build_id"]);
    }
}
