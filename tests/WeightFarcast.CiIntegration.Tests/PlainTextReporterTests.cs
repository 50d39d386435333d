namespace WeightFarcast.CiIntegration.Tests;

public sealed class PlainTextReporterTests
{
    private readonly StringWriter _log = new() { NewLine = "\n" };

    [Theory]
    [InlineData(CiKind.None)]
    [InlineData(CiKind.GenericCi)]
    public void Factory_picks_plain_text_outside_known_ci(CiKind kind)
    {
        var environment = kind == CiKind.None ? FakeEnvironment.Detect() : FakeEnvironment.Detect(("CI", "true"));

        using var reporter = CiReporterFactory.Create(environment, _log, SecretMasker.None);

        Assert.Equal(kind, reporter.Kind);
    }

    [Fact]
    public void Issues_are_compiler_style_lines_on_one_line_each()
    {
        using var reporter = CiReporterFactory.Create(FakeEnvironment.Detect(("CI", "true")), _log, new SecretMasker(["pa55word"]));

        reporter.Error("bad shape\nexpected [10]", "farcast.yaml", 3, 9, "Config");
        reporter.Warning("slow", "farcast.yaml", 4);
        reporter.Warning("pa55word in url");

        Assert.Equal(
        [
            "farcast.yaml(3,9): error: Config: bad shape expected [10]",
            "farcast.yaml(4): warning: slow",
            "warning: *** in url",
        ], WriterLines.Of(_log));
    }

    [Fact]
    public void Everything_else_is_declined_silently()
    {
        using var reporter = CiReporterFactory.Create(FakeEnvironment.Detect(), _log, SecretMasker.None);

        Assert.False(reporter.AppendSummary("# x"));
        Assert.False(reporter.SetOutput("report", "r.json"));
        Assert.False(reporter.UploadArtifact("r.json", "report"));
        Assert.False(reporter.AddMask("value"));
        reporter.FailTask("failed");

        Assert.Empty(_log.ToString());
    }
}
