namespace WeightFarcast.CiIntegration;

/// <summary>
/// Speaks the detected CI system's protocol: annotations, run summary, step outputs, artifacts, task result.
/// Every text passes through a <see cref="SecretMasker"/> first. Dispose at the end of the run so
/// annotations held back by a per-step cap are accounted for.
/// </summary>
public interface ICiReporter : IDisposable
{
    CiKind Kind { get; }

    void Error(string message, string? file = null, int? line = null, int? column = null, string? title = null);

    void Warning(string message, string? file = null, int? line = null, int? column = null, string? title = null);

    /// <summary>Adds Markdown to the run's summary page. False when this CI has no summary to add to.</summary>
    bool AppendSummary(string markdown);

    /// <summary>Publishes a step output (GitHub) or output variable (Azure). False when there is nowhere to publish.</summary>
    bool SetOutput(string name, string value);

    /// <summary>Uploads a file or folder as a build artifact. False when the pipeline must upload it itself.</summary>
    bool UploadArtifact(string path, string artifactName, string? containerFolder = null);

    /// <summary>Marks the CI task failed where the exit code alone does not.</summary>
    void FailTask(string message);

    /// <summary>Asks the CI to hide this value in all later log lines; only ever done when called.</summary>
    bool AddMask(string value);
}
