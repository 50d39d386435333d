namespace WeightFarcast.Tracking;

/// <summary>A run on an MLflow server: params, tags and metrics through log-batch, artifacts through the artifact URI.</summary>
internal sealed class RestTrackingRun(MlflowRestClient client, MlflowRunInfo info, TrackingOptions options, TrackingEnvironment environment)
    : TrackingRunBase(options.EndGracePeriod, environment.Warn)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public override string RunId => info.RunId;
    public override string ExperimentId => info.ExperimentId;
    public override string? ArtifactUri => info.ArtifactUri;

    /// <summary>The run's page in the MLflow UI.</summary>
    public override string Location => $"{client.TrackingUri.AbsoluteUri.TrimEnd('/')}/#/experiments/{ExperimentId}/runs/{RunId}";

    public override Task LogParamsAsync(IReadOnlyDictionary<string, string> ps, CancellationToken ct) =>
        client.LogBatchAsync(RunId, [], ps, None, ct);

    public override Task LogMetricsAsync(IReadOnlyList<MetricPoint> points, CancellationToken ct) =>
        points.Count == 0 ? Task.CompletedTask : client.LogBatchAsync(RunId, points, None, None, ct);

    public override async Task SetTagsAsync(IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        MlflowNameRules.ValidateKeys(tags.Keys, "tag");
        var batched = tags.Where(t => t.Key != StandardRunTags.RunName).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        if (batched.Count > 0)
            await client.LogBatchAsync(RunId, [], None, batched, ct).ConfigureAwait(false);
        // set-tag (not log-batch) is what renames the run on the server.
        if (tags.TryGetValue(StandardRunTags.RunName, out var runName))
            await client.SetTagAsync(RunId, StandardRunTags.RunName, runName, ct).ConfigureAwait(false);
    }

    public override Task LogArtifactAsync(string localFile, string? artifactDirectory, CancellationToken ct) =>
        client.UploadArtifactAsync(ArtifactUri!, localFile, artifactDirectory, ct);

    protected override Task EndCoreAsync(RunStatus status, CancellationToken ct) =>
        client.UpdateRunAsync(RunId, status, environment.NowMs(), ct);
}
