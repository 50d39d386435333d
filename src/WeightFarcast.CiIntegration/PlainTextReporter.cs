namespace WeightFarcast.CiIntegration;

/// <summary>
/// A local terminal or a CI without a known protocol: errors and warnings as compiler-style lines,
/// everything else has nowhere to go and is declined.
/// </summary>
internal sealed class PlainTextReporter(CiKind kind, TextWriter output, SecretMasker masker) : CiReporterBase(masker)
{
    public override CiKind Kind => kind;

    public override bool AppendSummary(string markdown) => false;

    public override bool SetOutput(string name, string value) => false;

    public override bool UploadArtifact(string path, string artifactName, string? containerFolder = null) => false;

    /// <summary>The exit code is the whole story here.</summary>
    public override void FailTask(string message)
    {
    }

    /// <summary>No log to hide it in; later messages still mask it.</summary>
    public override bool AddMask(string value)
    {
        Masker.Add(value);
        return false;
    }

    protected override void Report(CiIssue issue) => output.WriteLine(PlainIssueFormat.Format(issue));
}
