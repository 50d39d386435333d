using System.Text;

namespace WeightFarcast.CiIntegration.Tests;

public sealed class AzurePipelinesReporterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly StringWriter _log = new() { NewLine = "\n" };

    public void Dispose() => _temp.Dispose();

    private ICiReporter Reporter(SecretMasker? masker = null) =>
        CiReporterFactory.Create(
            FakeEnvironment.Detect(("TF_BUILD", "True"), ("AGENT_TEMPDIRECTORY", _temp.Path)),
            _log, masker ?? SecretMasker.None);

    [Fact]
    public void Factory_picks_the_azure_reporter() => Assert.Equal(CiKind.AzurePipelines, Reporter().Kind);

    [Fact]
    public void Log_issue_escapes_properties_and_data_and_leads_with_the_title()
    {
        using var reporter = Reporter();

        reporter.Error("100% [bad]; stop\r\nnow", "cfg;v2]/farcast.yaml", 7, 2, "Config");

        Assert.Equal(
            ["##vso[task.logissue type=error;sourcepath=cfg%3Bv2%5D/farcast.yaml;linenumber=7;columnnumber=2]Config: 100%AZP25 [bad%5D%3B stop%0D%0Anow"],
            WriterLines.Of(_log));
    }

    [Fact]
    public void Warnings_without_location_and_no_cap()
    {
        using var reporter = Reporter();
        for (var i = 1; i <= 12; i++)
            reporter.Warning($"w{i}");

        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"##vso[task.logissue type=warning]w{i}"), WriterLines.Of(_log));
    }

    [Fact]
    public void Each_summary_is_its_own_file_uploaded_by_absolute_path()
    {
        using var reporter = Reporter();

        Assert.True(reporter.AppendSummary("# Farcast → done\n"));
        Assert.True(reporter.AppendSummary("second\n"));

        var first = Path.Combine(_temp.Path, "weightfarcast-summary.md");
        var second = Path.Combine(_temp.Path, "weightfarcast-summary-2.md");
        Assert.Equal([$"##vso[task.uploadsummary]{first}", $"##vso[task.uploadsummary]{second}"], WriterLines.Of(_log));
        Assert.Equal(Encoding.UTF8.GetBytes("# Farcast → done\n"), File.ReadAllBytes(first));
        Assert.Equal("second\n", File.ReadAllText(second));
    }

    [Fact]
    public void Outputs_are_output_variables_with_escaped_values()
    {
        using var reporter = Reporter();

        Assert.True(reporter.SetOutput("forecasts", "a.safetensors\nb;c]d%"));

        Assert.Equal(["##vso[task.setvariable variable=forecasts;isOutput=true]a.safetensors%0Ab%3Bc%5Dd%AZP25"], WriterLines.Of(_log));
    }

    [Fact]
    public void Artifact_upload_names_the_container_and_the_absolute_path()
    {
        var file = _temp.File("forecast.safetensors");
        File.WriteAllText(file, "x");
        using var reporter = Reporter();

        Assert.True(reporter.UploadArtifact(file, "forecast"));
        Assert.True(reporter.UploadArtifact(_temp.Path, "forecast", "checkpoints/step-1000"));

        Assert.Equal(
        [
            $"##vso[artifact.upload containerfolder=forecast;artifactname=forecast]{file}",
            $"##vso[artifact.upload containerfolder=checkpoints/step-1000;artifactname=forecast]{_temp.Path}",
        ], WriterLines.Of(_log));
    }

    [Fact]
    public void A_missing_artifact_is_refused_without_a_command()
    {
        using var reporter = Reporter();

        Assert.False(reporter.UploadArtifact(_temp.File("absent.safetensors"), "forecast"));
        Assert.Empty(_log.ToString());
    }

    [Fact]
    public void Fail_task_completes_the_task_as_failed()
    {
        using var reporter = Reporter();

        reporter.FailTask("farcast diverged; see report");

        Assert.Equal(["##vso[task.complete result=Failed;]farcast diverged%3B see report"], WriterLines.Of(_log));
    }

    [Fact]
    public void Secrets_are_masked_and_set_secret_only_when_asked()
    {
        var masker = SecretMasker.FromEnvironment(new Dictionary<string, string?> { ["MLFLOW_TRACKING_PASSWORD"] = "hunter22" });
        using var reporter = Reporter(masker);

        reporter.Error("login hunter22 failed");
        reporter.SetOutput("auth", "hunter22");
        Assert.DoesNotContain("setsecret", _log.ToString());
        Assert.True(reporter.AddMask("later-secret"));
        reporter.FailTask("later-secret rejected");

        Assert.Equal(
        [
            "##vso[task.logissue type=error]login *** failed",
            "##vso[task.setvariable variable=auth;isOutput=true]***",
            "##vso[task.setsecret]later-secret",
            "##vso[task.complete result=Failed;]*** rejected",
        ], WriterLines.Of(_log));
    }
}
