using System.Security.Cryptography;

namespace WeightFarcast.Tracking;

/// <summary>
/// The embedded tracker: writes runs into an mlruns folder in exactly the layout MLflow 2.x and 3.x
/// file stores read (mlflow.md Part 2), so `mlflow ui --backend-store-uri ./mlruns` shows them.
/// </summary>
public sealed class FileStoreTracker : ITracker
{
    private readonly TrackingOptions _options;
    private readonly TrackingEnvironment _environment;

    public FileStoreTracker(string root, TrackingOptions options, TrackingEnvironment environment)
    {
        Root = Path.GetFullPath(root);
        _options = options;
        _environment = environment;
    }

    /// <summary>The absolute mlruns folder.</summary>
    public string Root { get; }

    public async Task<ITrackingRun> StartRunAsync(RunStart start, CancellationToken ct)
    {
        var runName = StandardRunTags.ResolveRunName(start);
        var user = _options.User ?? Environment.UserName;
        var tags = StandardRunTags.For(start, runName, user, _options.SourceName);
        MlflowNameRules.ValidateKeys(tags.Keys, "tag");

        var experimentId = await GetOrCreateExperimentAsync(start.Experiment, ct).ConfigureAwait(false);
        FileStoreRun run;
        try
        {
            run = FileStoreRun.Create(Root, experimentId, runName, user, start.StartTime.ToUnixTimeMilliseconds(), _options, _environment);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrackingException(TrackingFailureKind.Unavailable, $"Cannot create a run in experiment {experimentId} under '{Root}': {e.Message}", inner: e);
        }
        await run.SetTagsAsync(tags, ct).ConfigureAwait(false);
        return run;
    }

    /// <summary>The id of the active experiment with this name, creating it (and the store) when missing.</summary>
    public async Task<string> GetOrCreateExperimentAsync(string name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw TrackingException.InvalidInput("The experiment name must not be empty.");
        try
        {
            Directory.CreateDirectory(Root);
            using var _ = await ExperimentCreationLock.AcquireAsync(Root, ct).ConfigureAwait(false);
            EnsureStoreInitialized();
            return FindExperimentId(name) ?? CreateExperiment(name, NewExperimentId());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrackingException(TrackingFailureKind.Unavailable, $"Cannot use the mlruns folder '{Root}': {e.Message}", inner: e);
        }
    }

    /// <summary>Experiment id for a name among the active experiments, or null.</summary>
    public string? FindExperimentId(string name)
    {
        if (!Directory.Exists(Root))
            return null;
        foreach (var folder in ExperimentFolders())
        {
            var meta = Path.Combine(folder, MlrunsLayout.MetaFile);
            if (!File.Exists(meta))
                continue;
            var values = MlrunsYamlReader.Read(File.ReadAllText(meta));
            // MLflow skips an experiment whose id differs from its folder name, so we do too.
            if (values.GetValueOrDefault("name") == name
                && values.GetValueOrDefault("experiment_id") == Path.GetFileName(folder)
                && values.GetValueOrDefault("lifecycle_stage") != "deleted")
            {
                return Path.GetFileName(folder);
            }
        }
        return null;
    }

    private IEnumerable<string> ExperimentFolders() =>
        Directory.EnumerateDirectories(Root).Where(d => !MlrunsLayout.ReservedRootFolders.Contains(Path.GetFileName(d)));

    // MLflow creates the Default experiment and .trash when it opens a new store.
    private void EnsureStoreInitialized()
    {
        Directory.CreateDirectory(Path.Combine(Root, MlrunsLayout.Trash));
        if (!ExperimentFolders().Any())
            CreateExperiment(MlrunsLayout.DefaultExperimentName, MlrunsLayout.DefaultExperimentId);
    }

    private string CreateExperiment(string name, string experimentId)
    {
        var folder = MlrunsLayout.ExperimentFolder(Root, experimentId);
        Directory.CreateDirectory(folder);
        var now = _environment.NowMs();
        var meta = new Dictionary<string, object?>
        {
            ["artifact_location"] = MlrunsLayout.FileUri(folder),
            ["creation_time"] = now,
            ["experiment_id"] = experimentId,
            ["last_update_time"] = now,
            ["lifecycle_stage"] = "active",
            ["name"] = name,
        };
        AtomicFile.Replace(Path.Combine(folder, MlrunsLayout.MetaFile), MlrunsYamlWriter.Write(meta), folder);
        return experimentId;
    }

    /// <summary>An unused 18-digit id, like MLflow's _generate_unique_integer_id.</summary>
    private string NewExperimentId()
    {
        while (true)
        {
            var id = RandomNumberGenerator.GetInt32(100_000_000, 1_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture)
                + RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            if (!Directory.Exists(MlrunsLayout.ExperimentFolder(Root, id)))
                return id;
        }
    }
}
