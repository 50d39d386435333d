namespace WeightFarcast.CiIntegration;

/// <summary>Azure Pipelines: <c>##vso[...]</c> logging commands on the output; summaries as files the agent uploads.</summary>
internal sealed class AzurePipelinesReporter(CiEnvironment environment, TextWriter output, SecretMasker masker) : CiReporterBase(masker)
{
    private const string SummaryFileStem = "weightfarcast-summary";

    private readonly string _summaryDirectory = environment.AgentTempDirectory ?? Path.GetTempPath();
    private int _summaryCount;

    public override CiKind Kind => CiKind.AzurePipelines;

    /// <summary>Each call becomes its own summary file, so each shows as its own section on the build page.</summary>
    public override bool AppendSummary(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        _summaryCount++;
        var name = _summaryCount == 1 ? $"{SummaryFileStem}.md" : $"{SummaryFileStem}-{_summaryCount}.md";
        var path = Path.GetFullPath(Path.Combine(_summaryDirectory, name));
        Directory.CreateDirectory(_summaryDirectory);
        Utf8NoBom.Write(path, Masker.Apply(markdown));
        Command("task.uploadsummary", [], path);
        return true;
    }

    public override bool SetOutput(string name, string value)
    {
        OutputName.Validate(name);
        ArgumentNullException.ThrowIfNull(value);
        Command("task.setvariable", [("variable", name), ("isOutput", "true")], Masker.Apply(value));
        return true;
    }

    public override bool UploadArtifact(string path, string artifactName, string? containerFolder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(artifactName);
        var fullPath = Path.GetFullPath(path);
        // The agent only notices a missing path at the end of the job; saying no now lets the caller report it.
        if (!File.Exists(fullPath) && !Directory.Exists(fullPath))
            return false;
        Command("artifact.upload",
            [("containerfolder", Masker.Apply(containerFolder ?? artifactName)), ("artifactname", Masker.Apply(artifactName))],
            Masker.Apply(fullPath));
        return true;
    }

    // The trailing ';' is part of the documented form of this command.
    public override void FailTask(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        output.WriteLine($"##vso[task.complete result=Failed;]{AzureCommandEscaping.Escape(Masker.Apply(message))}");
    }

    // Bypasses the masker on purpose: the agent needs the value itself to hide it.
    public override bool AddMask(string value)
    {
        var lines = MaskLines(value);
        foreach (var line in lines)
            Command("task.setsecret", [], line);
        Masker.Add(value);
        return lines.Length > 0;
    }

    // Azure has no title field, so a title leads the message.
    protected override void Report(CiIssue issue)
    {
        var properties = new List<(string, string)> { ("type", issue.Severity == IssueSeverity.Error ? "error" : "warning") };
        if (issue.File is not null)
            properties.Add(("sourcepath", issue.File));
        if (issue.Line is int line)
            properties.Add(("linenumber", line.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (issue.Column is int column)
            properties.Add(("columnnumber", column.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var message = string.IsNullOrEmpty(issue.Title) ? issue.Message : $"{issue.Title}: {issue.Message}";
        Command("task.logissue", properties, message);
    }

    private void Command(string name, IReadOnlyList<(string Key, string Value)> properties, string data)
    {
        var props = properties.Count == 0
            ? ""
            : " " + string.Join(";", properties.Select(p => $"{p.Key}={AzureCommandEscaping.Escape(p.Value)}"));
        output.WriteLine($"##vso[{name}{props}]{AzureCommandEscaping.Escape(data)}");
    }
}
