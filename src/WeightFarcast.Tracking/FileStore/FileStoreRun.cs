using System.Text;

namespace WeightFarcast.Tracking;

/// <summary>
/// One run folder of the mlruns store: meta.yaml rewritten atomically, metrics appended line by line,
/// params immutable, tags overwritable, artifacts copied under artifacts/.
/// </summary>
internal sealed class FileStoreRun : TrackingRunBase
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TrackingEnvironment _environment;
    private readonly string _folder;
    private readonly string _user;
    private readonly long _startTime;
    private string _runName;
    private RunStatus _status = RunStatus.Running;
    private long? _endTime;

    private FileStoreRun(string folder, string experimentId, string runId, string runName, string user, long startTime, TrackingOptions options, TrackingEnvironment environment)
        : base(options.EndGracePeriod, environment.Warn)
    {
        _folder = folder;
        ExperimentId = experimentId;
        RunId = runId;
        _runName = runName;
        _user = user;
        _startTime = startTime;
        _environment = environment;
        ArtifactUri = MlrunsLayout.FileUri(Path.Combine(folder, "artifacts"));
    }

    public override string RunId { get; }
    public override string ExperimentId { get; }
    public override string? ArtifactUri { get; }
    public override string Location => _folder;

    public static FileStoreRun Create(string root, string experimentId, string runName, string user, long startTime, TrackingOptions options, TrackingEnvironment environment)
    {
        var runId = Guid.NewGuid().ToString("N");
        var folder = MlrunsLayout.RunFolder(root, experimentId, runId);
        Directory.CreateDirectory(folder);
        var run = new FileStoreRun(folder, experimentId, runId, runName, user, startTime, options, environment);
        run.WriteMeta();
        return run;
    }

    public override Task LogParamsAsync(IReadOnlyDictionary<string, string> ps, CancellationToken ct)
    {
        MlflowNameRules.ValidateKeys(ps.Keys, "param");
        return Locked(() =>
        {
            foreach (var (key, rawValue) in ps)
            {
                var value = MlflowNameRules.TruncateParamValue(rawValue);
                var file = MlrunsLayout.KeyFile(_folder, "params", key);
                if (AtomicFile.TryCreate(file, value, _folder))
                    continue;
                var existing = File.ReadAllText(file, Utf8NoBom);
                if (existing != value)
                {
                    throw new TrackingException(TrackingFailureKind.Rejected,
                        $"Changing param values is not allowed. Param with key='{key}' was already logged with value='{existing}' for run ID='{RunId}'. Attempted logging new value '{value}'.",
                        errorCode: "INVALID_PARAMETER_VALUE");
                }
            }
        }, ct);
    }

    public override Task LogMetricsAsync(IReadOnlyList<MetricPoint> points, CancellationToken ct)
    {
        MlflowNameRules.ValidateKeys(points.Select(p => p.Key).Distinct(), "metric");
        return Locked(() =>
        {
            foreach (var group in points.GroupBy(p => p.Key, StringComparer.Ordinal))
                AppendMetricLines(MlrunsLayout.KeyFile(_folder, "metrics", group.Key), string.Concat(group.Select(MetricLineFormat.Format)));
        }, ct);
    }

    public override Task SetTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        MlflowNameRules.ValidateKeys(tags.Keys, "tag");
        return Locked(() =>
        {
            foreach (var (key, rawValue) in tags)
            {
                var value = MlflowNameRules.TruncateTagValue(rawValue);
                AtomicFile.Replace(MlrunsLayout.KeyFile(_folder, "tags", key), value, _folder);
                if (key == StandardRunTags.RunName && value != _runName)
                {
                    // The meta.yaml run_name and the mlflow.runName tag must stay in step.
                    _runName = value;
                    WriteMeta();
                }
            }
        }, ct);
    }

    public override Task LogArtifactAsync(string localFile, string? artifactDirectory, CancellationToken ct) =>
        new LocalArtifactStore(Path.Combine(_folder, "artifacts")).UploadAsync(localFile, ArtifactPath.ForFile(localFile, artifactDirectory), ct);

    protected override Task EndCoreAsync(RunStatus status, CancellationToken ct) => Locked(() =>
    {
        _status = status;
        _endTime = _environment.NowMs();
        WriteMeta();
    }, ct);

    // Appends all lines in one write; a metric file this call created is removed again if the write fails.
    private static void AppendMetricLines(string file, string lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var existed = File.Exists(file);
        try
        {
            File.AppendAllText(file, lines, Utf8NoBom);
        }
        catch when (!existed)
        {
            if (File.Exists(file) && new FileInfo(file).Length == 0)
                File.Delete(file);
            throw;
        }
    }

    private void WriteMeta()
    {
        var meta = new Dictionary<string, object?>
        {
            ["artifact_uri"] = ArtifactUri,
            ["end_time"] = _endTime,
            ["entry_point_name"] = "",
            ["experiment_id"] = ExperimentId,
            ["lifecycle_stage"] = "active",
            ["run_id"] = RunId,
            ["run_name"] = _runName,
            ["run_uuid"] = RunId,
            ["source_name"] = "",
            ["source_type"] = 4,
            ["source_version"] = "",
            ["start_time"] = _startTime,
            ["status"] = (int)_status,
            ["tags"] = Array.Empty<object>(),
            ["user_id"] = _user,
        };
        AtomicFile.Replace(Path.Combine(_folder, MlrunsLayout.MetaFile), MlrunsYamlWriter.Write(meta), _folder);
    }

    private async Task Locked(Action write, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrackingException(TrackingFailureKind.Unavailable, $"Cannot write run {RunId} under '{_folder}': {e.Message}", inner: e);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
