namespace WeightFarcast.Tracking;

/// <summary>Folder and file names of the mlruns file store (mlflow.md §2.2) and its file:// URIs.</summary>
internal static class MlrunsLayout
{
    public const string MetaFile = "meta.yaml";
    public const string Trash = ".trash";
    public const string DefaultExperimentId = "0";
    public const string DefaultExperimentName = "Default";

    /// <summary>Root sub-folders that are not experiments.</summary>
    public static readonly HashSet<string> ReservedRootFolders = new(StringComparer.Ordinal) { Trash, "models" };

    public static string ExperimentFolder(string root, string experimentId) => Path.Combine(root, experimentId);

    public static string RunFolder(string root, string experimentId, string runId) => Path.Combine(root, experimentId, runId);

    /// <summary>A key with '/' maps to sub-folders, as MLflow does.</summary>
    public static string KeyFile(string runFolder, string kind, string key) =>
        Path.Combine(runFolder, kind, key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>file:///abs/path, the absolute form MLflow writes for local stores.</summary>
    public static string FileUri(string absolutePath) => new Uri(Path.GetFullPath(absolutePath)).AbsoluteUri;
}
