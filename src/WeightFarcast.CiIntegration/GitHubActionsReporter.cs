namespace WeightFarcast.CiIntegration;

/// <summary>GitHub Actions: workflow commands on the output, step summary and outputs in the runner's files.</summary>
internal sealed class GitHubActionsReporter : CiReporterBase
{
    private readonly TextWriter _output;
    private readonly string? _outputPath;
    private readonly StepSummaryFile? _summary;
    private readonly Func<string> _newDelimiter;
    private readonly AnnotationBudget _budget = new();
    private bool _disposed;

    public GitHubActionsReporter(CiEnvironment environment, TextWriter output, SecretMasker masker, Func<string>? newDelimiter = null)
        : base(masker)
    {
        _output = output;
        _outputPath = environment.OutputPath;
        _summary = environment.StepSummaryPath is null ? null : new StepSummaryFile(environment.StepSummaryPath);
        _newDelimiter = newDelimiter ?? GitHubOutputFormat.NewDelimiter;
    }

    public override CiKind Kind => CiKind.GitHubActions;

    public override bool AppendSummary(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return _summary is not null && _summary.Append(Masker.Apply(markdown));
    }

    public override bool SetOutput(string name, string value)
    {
        OutputName.Validate(name);
        ArgumentNullException.ThrowIfNull(value);
        if (_outputPath is null)
            return false;
        Utf8NoBom.Append(_outputPath, GitHubOutputFormat.Entry(name, Masker.Apply(value), _newDelimiter));
        return true;
    }

    /// <summary>GitHub has no command for this: the workflow's actions/upload-artifact step uploads.</summary>
    public override bool UploadArtifact(string path, string artifactName, string? containerFolder = null) => false;

    /// <summary>The tool's exit code fails the step; GitHub has no separate command.</summary>
    public override void FailTask(string message)
    {
    }

    // Bypasses the masker on purpose: the runner needs the value itself to hide it.
    public override bool AddMask(string value)
    {
        var lines = MaskLines(value);
        foreach (var line in lines)
            _output.WriteLine($"::add-mask::{GitHubCommandEscaping.Data(line)}");
        Masker.Add(value);
        return lines.Length > 0;
    }

    public override void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        ReportHeldBack(IssueSeverity.Error, "error");
        ReportHeldBack(IssueSeverity.Warning, "warning");
    }

    protected override void Report(CiIssue issue)
    {
        // Past the cap an annotation would be silently dropped, so it goes to the log as a plain line instead.
        if (!_budget.TrySpend(issue.Severity))
        {
            _output.WriteLine(PlainIssueFormat.Format(issue));
            return;
        }
        var command = issue.Severity == IssueSeverity.Error ? "error" : "warning";
        _output.WriteLine($"::{command}{Properties(issue)}::{GitHubCommandEscaping.Data(issue.Message)}");
    }

    private static string Properties(CiIssue issue)
    {
        var properties = new List<string>();
        if (issue.File is not null)
            properties.Add("file=" + GitHubCommandEscaping.Property(issue.File));
        if (issue.Line is int line)
            properties.Add($"line={line}");
        if (issue.Column is int column)
            properties.Add($"col={column}");
        if (!string.IsNullOrEmpty(issue.Title))
            properties.Add("title=" + GitHubCommandEscaping.Property(issue.Title));
        return properties.Count == 0 ? "" : " " + string.Join(",", properties);
    }

    // A notice is its own kind, so this one line is shown even when errors and warnings are full.
    private void ReportHeldBack(IssueSeverity severity, string kind)
    {
        var count = _budget.HeldBack(severity);
        if (count == 0)
            return;
        var noun = count == 1 ? kind : kind + "s";
        _output.WriteLine(
            $"::notice title=More {kind}s in the log::{count} more {noun} not shown as annotations (GitHub shows {AnnotationBudget.PerKindLimit} per kind per step); see this step's log.");
    }
}
