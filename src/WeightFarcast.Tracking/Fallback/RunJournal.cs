namespace WeightFarcast.Tracking;

/// <summary>
/// Everything a run has recorded so far, kept so that a run whose server fails midway can be
/// replayed in full into the local fallback folder.
/// </summary>
internal sealed class RunJournal
{
    private readonly Dictionary<string, string> _params = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly List<MetricPoint> _metrics = [];
    private readonly List<(string LocalFile, string? Directory)> _artifacts = [];

    public void Params(IReadOnlyDictionary<string, string> ps)
    {
        foreach (var (key, value) in ps)
            _params[key] = value;
    }

    public void Tags(IReadOnlyDictionary<string, string> tags)
    {
        foreach (var (key, value) in tags)
            _tags[key] = value;
    }

    public void Metrics(IReadOnlyList<MetricPoint> points) => _metrics.AddRange(points);

    public void Artifact(string localFile, string? directory) => _artifacts.Add((localFile, directory));

    public async Task ReplayAsync(ITrackingRun target, CancellationToken ct)
    {
        if (_params.Count > 0)
            await target.LogParamsAsync(_params, ct).ConfigureAwait(false);
        if (_tags.Count > 0)
            await target.SetTagsAsync(_tags, ct).ConfigureAwait(false);
        if (_metrics.Count > 0)
            await target.LogMetricsAsync(_metrics, ct).ConfigureAwait(false);
        foreach (var (file, directory) in _artifacts.Where(a => File.Exists(a.LocalFile)))
            await target.LogArtifactAsync(file, directory, ct).ConfigureAwait(false);
    }
}
