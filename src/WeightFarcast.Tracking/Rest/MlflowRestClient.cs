using System.Text;
using System.Text.Json;

namespace WeightFarcast.Tracking;

/// <summary>
/// A thin client for the MLflow tracking REST API (mlflow.md Part 1): experiments, runs, batched
/// logging within the server's limits, metric history, and artifacts through the proxy.
/// </summary>
public sealed class MlflowRestClient : IDisposable
{
    private const string Api = "/api/2.0/mlflow/";
    private readonly MlflowHttpTransport _transport;

    /// <param name="trackingUri">http(s)://host[:port][/prefix]; user:password in it is used as Basic credentials and removed.</param>
    public MlflowRestClient(string trackingUri, TrackingOptions options, TrackingEnvironment environment)
    {
        var (baseUri, userInfo) = SplitUserInfo(trackingUri);
        var credentials = MlflowCredentials.Resolve(environment.GetVariable, userInfo);
        var http = MlflowHttpClientFactory.Create(options, environment.GetVariable);
        _transport = new MlflowHttpTransport(http, baseUri, credentials, options, environment);
    }

    /// <summary>The server URL without credentials, safe to print.</summary>
    public Uri TrackingUri => _transport.TrackingBase;

    internal SecretRedactor Redactor => _transport.Redactor;

    /// <summary>The experiment with this name (deleted ones included), or null on 404 RESOURCE_DOES_NOT_EXIST.</summary>
    public async Task<MlflowExperiment?> GetExperimentByNameAsync(string name, CancellationToken ct)
    {
        try
        {
            using var document = await GetAsync($"experiments/get-by-name?experiment_name={Uri.EscapeDataString(name)}", ct).ConfigureAwait(false);
            return MlflowExperiment.FromJson(document.RootElement.GetProperty("experiment"));
        }
        catch (TrackingException e) when (e.ErrorCode == "RESOURCE_DOES_NOT_EXIST")
        {
            return null;
        }
    }

    /// <summary>Creates the experiment and returns its id; a duplicate name fails with RESOURCE_ALREADY_EXISTS.</summary>
    public async Task<string> CreateExperimentAsync(string name, CancellationToken ct)
    {
        using var document = await PostAsync("experiments/create", w => w.WriteString("name", name), ct).ConfigureAwait(false);
        return MlflowJson.String(document.RootElement, "experiment_id")!;
    }

    /// <summary>
    /// mlflow.set_experiment's sequence: get-by-name; create; on RESOURCE_ALREADY_EXISTS (another
    /// client won the race) get-by-name again.
    /// </summary>
    public async Task<string> GetOrCreateExperimentAsync(string name, CancellationToken ct)
    {
        var existing = await GetExperimentByNameAsync(name, ct).ConfigureAwait(false);
        if (existing is not null)
            return ActiveId(existing);
        try
        {
            return await CreateExperimentAsync(name, ct).ConfigureAwait(false);
        }
        catch (TrackingException e) when (e.ErrorCode == "RESOURCE_ALREADY_EXISTS")
        {
            var raced = await GetExperimentByNameAsync(name, ct).ConfigureAwait(false)
                ?? throw new TrackingException(TrackingFailureKind.Rejected,
                    $"MLflow says experiment '{name}' already exists but cannot find it by name.", e.StatusCode, e.ErrorCode, e);
            return ActiveId(raced);
        }
    }

    public async Task<MlflowRunInfo> CreateRunAsync(string experimentId, string runName, long startTimeMs, string userId, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        MlflowNameRules.ValidateKeys(tags.Keys, "tag");
        using var document = await PostAsync("runs/create", w =>
        {
            w.WriteString("experiment_id", experimentId);
            w.WriteString("run_name", runName);
            w.WriteNumber("start_time", startTimeMs);
            w.WriteString("user_id", userId);
            MlflowJson.WriteKeyValues(w, "tags", tags);
        }, ct).ConfigureAwait(false);
        return MlflowRunInfo.FromJson(document.RootElement.GetProperty("run").GetProperty("info"));
    }

    public async Task<MlflowRunInfo> UpdateRunAsync(string runId, RunStatus status, long? endTimeMs, CancellationToken ct)
    {
        using var document = await PostAsync("runs/update", w =>
        {
            w.WriteString("run_id", runId);
            w.WriteString("status", status.ToMlflowName());
            if (endTimeMs is { } end)
                w.WriteNumber("end_time", end);
        }, ct).ConfigureAwait(false);
        return MlflowRunInfo.FromJson(document.RootElement.GetProperty("run_info"));
    }

    public async Task<MlflowRun> GetRunAsync(string runId, CancellationToken ct)
    {
        using var document = await GetAsync($"runs/get?run_id={Uri.EscapeDataString(runId)}", ct).ConfigureAwait(false);
        return MlflowRun.FromJson(document.RootElement.GetProperty("run"));
    }

    /// <summary>Validates every key, then sends as many log-batch requests as the limits need; returns how many were sent.</summary>
    public async Task<int> LogBatchAsync(
        string runId,
        IReadOnlyList<MetricPoint> metrics,
        IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string> tags,
        CancellationToken ct)
    {
        MlflowNameRules.ValidateKeys(parameters.Keys, "param");
        MlflowNameRules.ValidateKeys(tags.Keys, "tag");
        MlflowNameRules.ValidateKeys(metrics.Select(m => m.Key), "metric");

        var envelope = BatchBody(runId, new LogBatchPlanner.Batch()).Length;
        var batches = LogBatchPlanner.Plan(
            envelope,
            parameters.Select(p => MlflowJson.KeyValue(p.Key, p.Value)).ToList(),
            tags.Select(t => MlflowJson.KeyValue(t.Key, t.Value)).ToList(),
            metrics.Select(MlflowJson.Metric).ToList());

        foreach (var batch in batches)
        {
            var body = BatchBody(runId, batch);
            (await SendJsonAsync(HttpMethod.Post, "runs/log-batch", body, ct).ConfigureAwait(false)).Dispose();
        }
        return batches.Count;
    }

    /// <summary>set-tag; unlike log-batch it renames the run when the key is mlflow.runName.</summary>
    public async Task SetTagAsync(string runId, string key, string value, CancellationToken ct)
    {
        MlflowNameRules.ValidateKey(key, "tag");
        using var _ = await PostAsync("runs/set-tag", w =>
        {
            w.WriteString("run_id", runId);
            w.WriteString("key", key);
            w.WriteString("value", value);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Every point of one metric, following next_page_token until the server stops sending one.</summary>
    public async Task<IReadOnlyList<MetricPoint>> GetMetricHistoryAsync(string runId, string key, int? pageSize, CancellationToken ct)
    {
        var points = new List<MetricPoint>();
        string? pageToken = null;
        do
        {
            var query = new StringBuilder($"metrics/get-history?run_id={Uri.EscapeDataString(runId)}&metric_key={Uri.EscapeDataString(key)}");
            if (pageSize is { } size)
                query.Append("&max_results=").Append(size);
            if (pageToken is not null)
                query.Append("&page_token=").Append(Uri.EscapeDataString(pageToken));
            using var document = await GetAsync(query.ToString(), ct).ConfigureAwait(false);
            if (document.RootElement.TryGetProperty("metrics", out var metrics))
                points.AddRange(metrics.EnumerateArray().Select(MlflowJson.MetricPoint));
            pageToken = MlflowJson.String(document.RootElement, "next_page_token");
        }
        while (!string.IsNullOrEmpty(pageToken));
        return points;
    }

    /// <summary>Uploads a local file into the run's artifacts (proxy, or the file: folder directly).</summary>
    public Task UploadArtifactAsync(string artifactUri, string localFile, string? artifactDirectory, CancellationToken ct) =>
        ArtifactStoreResolver.Resolve(artifactUri, _transport).UploadAsync(localFile, ArtifactPath.ForFile(localFile, artifactDirectory), ct);

    public Task<byte[]> DownloadArtifactAsync(string artifactUri, string artifactPath, CancellationToken ct) =>
        ArtifactStoreResolver.Resolve(artifactUri, _transport).DownloadAsync(ArtifactPath.Directory(artifactPath), ct);

    public Task<IReadOnlyList<ArtifactEntry>> ListArtifactsAsync(string artifactUri, string? artifactDirectory, CancellationToken ct) =>
        ArtifactStoreResolver.Resolve(artifactUri, _transport).ListAsync(ArtifactPath.Directory(artifactDirectory), ct);

    public void Dispose() => _transport.Dispose();

    private static string ActiveId(MlflowExperiment experiment) =>
        experiment.LifecycleStage == "deleted"
            ? throw new TrackingException(TrackingFailureKind.Rejected,
                $"Experiment '{experiment.Name}' ({experiment.ExperimentId}) is deleted; restore it or choose another name.", errorCode: "INVALID_STATE")
            : experiment.ExperimentId;

    private static byte[] BatchBody(string runId, LogBatchPlanner.Batch batch) => MlflowJson.Write(w =>
    {
        w.WriteString("run_id", runId);
        WriteRaw(w, "metrics", batch.Metrics);
        WriteRaw(w, "params", batch.Params);
        WriteRaw(w, "tags", batch.Tags);
    });

    private static void WriteRaw(Utf8JsonWriter writer, string name, List<byte[]> entities)
    {
        writer.WriteStartArray(name);
        foreach (var entity in entities)
            writer.WriteRawValue(entity, skipInputValidation: true);
        writer.WriteEndArray();
    }

    private Task<JsonDocument> GetAsync(string pathAndQuery, CancellationToken ct) =>
        SendJsonAsync(HttpMethod.Get, pathAndQuery, null, ct);

    private Task<JsonDocument> PostAsync(string path, Action<Utf8JsonWriter> write, CancellationToken ct) =>
        SendJsonAsync(HttpMethod.Post, path, MlflowJson.Write(write), ct);

    private async Task<JsonDocument> SendJsonAsync(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken ct)
    {
        var response = await _transport.SendAsync(method, _transport.Url(Api + pathAndQuery), () =>
        {
            if (body is null)
                return null;
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return content;
        }, ct).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(response.Body.Length == 0 ? "{}"u8.ToArray() : response.Body);
        }
        catch (JsonException e)
        {
            var excerpt = _transport.Redactor.Redact(MlflowErrorBody.Excerpt(Encoding.UTF8.GetString(response.Body)));
            throw new TrackingException(TrackingFailureKind.Unavailable,
                $"MLflow {method} {Api}{pathAndQuery.Split('?')[0]} returned HTTP {response.StatusCode} with a non-JSON body ({response.ContentType}): {excerpt}",
                response.StatusCode, inner: e);
        }
    }

    /// <summary>Removes user:password@ from the URI so it never appears in URLs we print.</summary>
    private static (Uri BaseUri, string? UserInfo) SplitUserInfo(string trackingUri)
    {
        if (!Uri.TryCreate(trackingUri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw TrackingException.InvalidInput($"'{new SecretRedactor([]).Redact(trackingUri)}' is not an http(s) MLflow tracking URI.");
        var userInfo = uri.UserInfo.Length > 0 ? uri.UserInfo : null;
        var builder = new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" };
        return (new Uri(builder.Uri.AbsoluteUri.TrimEnd('/')), userInfo);
    }
}
