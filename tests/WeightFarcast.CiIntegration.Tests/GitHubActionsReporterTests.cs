using System.Text;

namespace WeightFarcast.CiIntegration.Tests;

public sealed class GitHubActionsReporterTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly StringWriter _log = new() { NewLine = "\n" };

    public void Dispose() => _temp.Dispose();

    private string SummaryPath => _temp.File("step_summary.md");

    private string OutputPath => _temp.File("output.txt");

    private ICiReporter Reporter(SecretMasker? masker = null, Func<string>? delimiters = null) =>
        new GitHubActionsReporter(
            FakeEnvironment.Detect(("GITHUB_ACTIONS", "true"), ("GITHUB_STEP_SUMMARY", SummaryPath), ("GITHUB_OUTPUT", OutputPath)),
            _log, masker ?? SecretMasker.None, delimiters);

    [Fact]
    public void Factory_picks_the_github_reporter()
    {
        using var reporter = CiReporterFactory.Create(FakeEnvironment.Detect(("GITHUB_ACTIONS", "true")), _log, SecretMasker.None);

        Assert.Equal(CiKind.GitHubActions, reporter.Kind);
    }

    [Fact]
    public void Error_escapes_data_and_properties()
    {
        using var reporter = Reporter();

        reporter.Error("50% diverged\r\nsee report", "runs/a,b:c.yaml", 12, 3, "Loss: NaN, step 200");

        Assert.Equal(
            ["::error file=runs/a%2Cb%3Ac.yaml,line=12,col=3,title=Loss%3A NaN%2C step 200::50%25 diverged%0D%0Asee report"],
            WriterLines.Of(_log));
    }

    [Fact]
    public void Issues_without_location_have_no_properties()
    {
        using var reporter = Reporter();

        reporter.Error("no checkpoints: found 0");
        reporter.Warning("only 2 checkpoints", line: 4);

        Assert.Equal(["::error::no checkpoints: found 0", "::warning line=4::only 2 checkpoints"], WriterLines.Of(_log));
    }

    [Fact]
    public void Past_ten_per_kind_issues_go_to_the_log_and_one_notice_counts_them()
    {
        var reporter = Reporter();
        for (var i = 1; i <= 12; i++)
            reporter.Error($"e{i}", "f.cs", i);
        reporter.Warning("w1");

        reporter.Dispose();
        reporter.Dispose();

        var lines = WriterLines.Of(_log);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"::error file=f.cs,line={i}::e{i}"), lines[..10]);
        Assert.Equal(
        [
            "f.cs(11): error: e11",
            "f.cs(12): error: e12",
            "::warning::w1",
            "::notice title=More errors in the log::2 more errors not shown as annotations (GitHub shows 10 per kind per step); see this step's log.",
        ], lines[10..]);
    }

    [Fact]
    public void Single_line_output_is_name_equals_value_without_bom()
    {
        using var reporter = Reporter();

        Assert.True(reporter.SetOutput("report", "out/report.json"));
        Assert.True(reporter.SetOutput("run-id", "é1"));

        var bytes = File.ReadAllBytes(OutputPath);
        Assert.Equal(Encoding.UTF8.GetBytes("report=out/report.json\nrun-id=é1\n"), bytes);
    }

    [Fact]
    public void Multi_line_output_uses_a_heredoc_with_a_delimiter_not_in_the_value()
    {
        var delimiters = new Queue<string>(["EOF_A", "EOF_B"]);
        using var reporter = Reporter(delimiters: delimiters.Dequeue);

        reporter.SetOutput("forecasts", "out/a.safetensors\nEOF_A\nout/b.safetensors");

        Assert.Equal(
            "forecasts<<EOF_B\nout/a.safetensors\nEOF_A\nout/b.safetensors\nEOF_B\n",
            File.ReadAllText(OutputPath));
    }

    [Fact]
    public void Real_delimiters_are_random()
    {
        Assert.NotEqual(GitHubOutputFormat.NewDelimiter(), GitHubOutputFormat.NewDelimiter());
        Assert.StartsWith("ghadelimiter_", GitHubOutputFormat.NewDelimiter());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a=b")]
    [InlineData("a<<b")]
    [InlineData("two words")]
    [InlineData("1st")]
    public void Output_names_that_would_break_the_file_are_refused(string name)
    {
        using var reporter = Reporter();

        Assert.Throws<ArgumentException>(() => reporter.SetOutput(name, "x"));
        Assert.False(File.Exists(OutputPath));
    }

    [Fact]
    public void Without_the_runner_files_outputs_and_summary_are_declined()
    {
        using var reporter = new GitHubActionsReporter(FakeEnvironment.Detect(("GITHUB_ACTIONS", "true")), _log, SecretMasker.None);

        Assert.False(reporter.SetOutput("report", "r.json"));
        Assert.False(reporter.AppendSummary("# hi"));
        Assert.Empty(_log.ToString());
    }

    [Fact]
    public void Summary_appends_utf8_without_bom()
    {
        using var reporter = Reporter();

        Assert.True(reporter.AppendSummary("# Farcast\n"));
        Assert.True(reporter.AppendSummary("| loss | 0.5 → 0.1 |\n"));

        Assert.Equal(Encoding.UTF8.GetBytes("# Farcast\n| loss | 0.5 → 0.1 |\n"), File.ReadAllBytes(SummaryPath));
    }

    [Fact]
    public void A_summary_that_fits_exactly_is_written_whole()
    {
        File.WriteAllText(SummaryPath, new string('a', StepSummaryFile.LimitBytes - 6));
        using var reporter = Reporter();

        Assert.True(reporter.AppendSummary("12345\n"));

        Assert.Equal(StepSummaryFile.LimitBytes, new FileInfo(SummaryPath).Length);
    }

    [Fact]
    public void An_overlong_summary_is_cut_at_a_line_end_and_closed_with_a_note()
    {
        const int room = 300;
        var existing = new string('a', StepSummaryFile.LimitBytes - room - 1) + "\n";
        File.WriteAllText(SummaryPath, existing);
        using var reporter = Reporter();
        var markdown = string.Concat(Enumerable.Range(0, 100).Select(i => $"| row {i:D3} |\n"));

        Assert.False(reporter.AppendSummary(markdown));

        var bytes = File.ReadAllBytes(SummaryPath);
        Assert.True(bytes.Length <= StepSummaryFile.LimitBytes);
        var appended = Encoding.UTF8.GetString(bytes)[existing.Length..];
        Assert.EndsWith(StepSummaryFile.TruncationNote, appended);
        var kept = appended[..^StepSummaryFile.TruncationNote.Length];
        Assert.NotEmpty(kept);
        Assert.StartsWith(kept, markdown);
        Assert.EndsWith("|\n", kept);
        Assert.True(kept.Length + 12 > room - Encoding.UTF8.GetByteCount(StepSummaryFile.TruncationNote) - 4,
            "keeps every whole line that fits");
    }

    [Fact]
    public void After_truncation_later_summaries_are_dropped()
    {
        File.WriteAllText(SummaryPath, new string('a', StepSummaryFile.LimitBytes - 10));
        using var reporter = Reporter();

        Assert.False(reporter.AppendSummary(new string('b', 100)));
        var afterFirst = File.ReadAllBytes(SummaryPath);
        Assert.False(reporter.AppendSummary("x"));

        Assert.Equal(StepSummaryFile.LimitBytes - 10, afterFirst.Length);
        Assert.Equal(afterFirst, File.ReadAllBytes(SummaryPath));
    }

    [Fact]
    public void A_cut_inside_a_code_block_closes_the_fence_before_the_note()
    {
        File.WriteAllText(SummaryPath, new string('a', StepSummaryFile.LimitBytes - 400));
        using var reporter = Reporter();
        var markdown = "```\n" + string.Concat(Enumerable.Repeat("log line that is long enough\n", 40)) + "```\n";

        reporter.AppendSummary(markdown);

        var text = File.ReadAllText(SummaryPath);
        Assert.EndsWith("log line that is long enough\n```\n" + StepSummaryFile.TruncationNote, text);
        Assert.True(Encoding.UTF8.GetByteCount(text) <= StepSummaryFile.LimitBytes);
    }

    [Fact]
    public void A_cut_without_line_ends_never_splits_a_character()
    {
        var markdown = new string('é', 10) + "😀😀";

        Assert.Equal("ééé", StepSummaryFile.CutAtLineEnd(markdown, 7));
        Assert.Equal(new string('é', 10) + "😀", StepSummaryFile.CutAtLineEnd(markdown, 27));
    }

    [Fact]
    public void Secret_values_are_masked_in_every_channel()
    {
        var masker = SecretMasker.FromEnvironment(new Dictionary<string, string?> { ["MLFLOW_TRACKING_TOKEN"] = "s3cr3t-t0ken" });
        using var reporter = Reporter(masker);

        reporter.Error("401 with s3cr3t-t0ken", "s3cr3t-t0ken.yaml", title: "auth s3cr3t-t0ken");
        reporter.AppendSummary("token: s3cr3t-t0ken\n");
        reporter.SetOutput("debug", "s3cr3t-t0ken");

        Assert.Equal(["::error file=***.yaml,title=auth ***::401 with ***"], WriterLines.Of(_log));
        Assert.Equal("token: ***\n", File.ReadAllText(SummaryPath));
        Assert.Equal("debug=***\n", File.ReadAllText(OutputPath));
    }

    [Fact]
    public void Add_mask_is_emitted_only_when_asked_and_masks_later_text()
    {
        var masker = SecretMasker.FromEnvironment(new Dictionary<string, string?> { ["API_TOKEN"] = "env-secret-1" });
        using var reporter = Reporter(masker);
        reporter.Warning("nothing to hide");
        Assert.DoesNotContain("add-mask", _log.ToString());

        Assert.True(reporter.AddMask("run-secret\nline-two"));
        reporter.Warning("leaked run-secret and line-two");

        Assert.Equal(
            ["::warning::nothing to hide", "::add-mask::run-secret", "::add-mask::line-two", "::warning::leaked *** and ***"],
            WriterLines.Of(_log));
    }

    [Fact]
    public void Artifacts_and_failure_are_left_to_the_workflow()
    {
        using var reporter = Reporter();

        Assert.False(reporter.UploadArtifact(SummaryPath, "forecast"));
        reporter.FailTask("farcast failed");

        Assert.Empty(_log.ToString());
    }
}
