namespace WeightFarcast.CiIntegration;

/// <summary>What all reporters share: errors and warnings are masked into a <see cref="CiIssue"/> in one place.</summary>
internal abstract class CiReporterBase(SecretMasker masker) : ICiReporter
{
    protected SecretMasker Masker { get; } = masker;

    public abstract CiKind Kind { get; }

    public void Error(string message, string? file = null, int? line = null, int? column = null, string? title = null) =>
        Report(CiIssue.Create(IssueSeverity.Error, Masker, message, file, line, column, title));

    public void Warning(string message, string? file = null, int? line = null, int? column = null, string? title = null) =>
        Report(CiIssue.Create(IssueSeverity.Warning, Masker, message, file, line, column, title));

    public abstract bool AppendSummary(string markdown);

    public abstract bool SetOutput(string name, string value);

    public abstract bool UploadArtifact(string path, string artifactName, string? containerFolder = null);

    public abstract void FailTask(string message);

    public abstract bool AddMask(string value);

    public virtual void Dispose()
    {
    }

    protected abstract void Report(CiIssue issue);

    /// <summary>Runners hide secrets line by line, so a multi-line value is registered one line at a time.</summary>
    protected static string[] MaskLines(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
    }
}
