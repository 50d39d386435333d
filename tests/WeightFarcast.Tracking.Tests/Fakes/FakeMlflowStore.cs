using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WeightFarcast.Tracking.Tests.Fakes;

/// <summary>
/// The tracking server's state and rules, as mlflow.md describes them: experiments by name, runs,
/// immutable params, overwritable tags, appended metrics with paged history, log-batch limits,
/// and the artifact proxy's byte store.
/// </summary>
public sealed class FakeMlflowStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, JsonObject> _experimentsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeRun> _runs = new(StringComparer.Ordinal);
    private long _nextExperimentId = 100000000000000000;

    public Dictionary<string, byte[]> Artifacts { get; } = new(StringComparer.Ordinal);

    /// <summary>Answer the next create of this name with RESOURCE_ALREADY_EXISTS after creating it "from another client".</summary>
    public string? RaceOnCreate { get; set; }

    /// <summary>Page size of metric history when the client asks for none (the upstream server paginates).</summary>
    public int HistoryPageSize { get; set; } = 1000;

    /// <summary>Artifact URI scheme the server gives new runs ({0} = experiment id, {1} = run id).</summary>
    public string ArtifactUriFormat { get; set; } = "mlflow-artifacts:/{0}/{1}/artifacts";

    public int ExperimentCount { get { lock (_lock) return _experimentsByName.Count; } }

    public FakeRun Run(string runId) { lock (_lock) return _runs[runId]; }

    public IReadOnlyList<FakeRun> Runs { get { lock (_lock) return _runs.Values.ToList(); } }

    public FakeResponse GetExperimentByName(string? name)
    {
        lock (_lock)
        {
            if (name is null)
                return FakeResponse.Error("INVALID_PARAMETER_VALUE", "Missing value for required parameter 'experiment_name'.");
            return _experimentsByName.TryGetValue(name, out var experiment)
                ? FakeResponse.Ok(new JsonObject { ["experiment"] = experiment.DeepClone() })
                : FakeResponse.Error("RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{name}'");
        }
    }

    public FakeResponse CreateExperiment(JsonObject body)
    {
        lock (_lock)
        {
            var name = body["name"]?.GetValue<string>();
            if (string.IsNullOrEmpty(name))
                return FakeResponse.Error("INVALID_PARAMETER_VALUE", "Missing value for required parameter 'name'.");
            if (RaceOnCreate == name)
            {
                RaceOnCreate = null;
                AddExperiment(name);
                return FakeResponse.Error("RESOURCE_ALREADY_EXISTS", $"Experiment '{name}' already exists.");
            }
            if (_experimentsByName.ContainsKey(name))
                return FakeResponse.Error("RESOURCE_ALREADY_EXISTS", $"Experiment '{name}' already exists.");
            return FakeResponse.Ok(new JsonObject { ["experiment_id"] = AddExperiment(name) });
        }
    }

    public FakeResponse CreateRun(JsonObject body)
    {
        lock (_lock)
        {
            var experimentId = body["experiment_id"]?.ToString() ?? "0";
            if (!_experimentsByName.Values.Any(e => e["experiment_id"]!.ToString() == experimentId))
                return FakeResponse.Error("RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with ID {experimentId}");
            var runId = Guid.NewGuid().ToString("N");
            var run = new FakeRun(runId, experimentId, string.Format(CultureInfo.InvariantCulture, ArtifactUriFormat, experimentId, runId))
            {
                RunName = body["run_name"]?.GetValue<string>() ?? "random-name",
                StartTime = body["start_time"] is { } start ? long.Parse(start.ToString(), CultureInfo.InvariantCulture) : 0,
                UserId = body["user_id"]?.GetValue<string>() ?? "",
            };
            foreach (var tag in body["tags"]?.AsArray() ?? [])
                run.Tags[tag!["key"]!.GetValue<string>()] = tag["value"]?.GetValue<string>() ?? "";
            run.Tags["mlflow.runName"] = run.RunName;
            _runs[runId] = run;
            return FakeResponse.Ok(new JsonObject { ["run"] = run.ToJson() });
        }
    }

    public FakeResponse UpdateRun(JsonObject body)
    {
        lock (_lock)
        {
            if (Find(body) is not { } run)
                return MissingRun(body);
            if (body["status"]?.GetValue<string>() is { } status)
                run.Status = status;
            if (body["end_time"] is { } end)
                run.EndTime = long.Parse(end.ToString(), CultureInfo.InvariantCulture);
            return FakeResponse.Ok(new JsonObject { ["run_info"] = run.InfoJson() });
        }
    }

    public FakeResponse GetRun(string? runId)
    {
        lock (_lock)
        {
            return runId is not null && _runs.TryGetValue(runId, out var run)
                ? FakeResponse.Ok(new JsonObject { ["run"] = run.ToJson() })
                : FakeResponse.Error("RESOURCE_DOES_NOT_EXIST", $"Run '{runId}' not found");
        }
    }

    public FakeResponse SetTag(JsonObject body)
    {
        lock (_lock)
        {
            if (Find(body) is not { } run)
                return MissingRun(body);
            var key = body["key"]!.GetValue<string>();
            var value = body["value"]?.GetValue<string>() ?? "";
            run.Tags[key] = value;
            if (key == "mlflow.runName")
                run.RunName = value;
            return FakeResponse.Empty();
        }
    }

    /// <summary>Enforces MLflow's per-request limits (mlflow.md §1.3) before applying anything.</summary>
    public FakeResponse LogBatch(JsonObject body, int bodyBytes)
    {
        lock (_lock)
        {
            if (Find(body) is not { } run)
                return MissingRun(body);
            var metrics = body["metrics"]?.AsArray() ?? [];
            var parameters = body["params"]?.AsArray() ?? [];
            var tags = body["tags"]?.AsArray() ?? [];
            if (bodyBytes > 1_000_000)
                return FakeResponse.Error("INVALID_PARAMETER_VALUE", $"Batched logging API requests must be at most 1000000 bytes, got {bodyBytes}");
            if (metrics.Count > 1000)
                return FakeResponse.Error("INVALID_PARAMETER_VALUE", $"A batch logging request can contain at most 1000 metrics. Got {metrics.Count} metrics.");
            if (parameters.Count > 100)
                return FakeResponse.Error("INVALID_PARAMETER_VALUE", $"A batch logging request can contain at most 100 params. Got {parameters.Count} params.");
            if (tags.Count > 100)
                return FakeResponse.Error("INVALID_PARAMETER_VALUE", $"A batch logging request can contain at most 100 tags. Got {tags.Count} tags.");
            if (metrics.Count + parameters.Count + tags.Count > 1000)
                return FakeResponse.Error("INVALID_PARAMETER_VALUE", "A batch logging request can contain at most 1000 total entities.");
            var paramKeys = parameters.Select(p => p!["key"]!.GetValue<string>()).ToList();
            if (paramKeys.Distinct().Count() != paramKeys.Count)
                return FakeResponse.Error("INVALID_PARAMETER_VALUE", "Duplicate parameter keys have been submitted.");
            foreach (var metric in metrics)
            {
                if (metric!["key"] is null || metric["value"] is null || metric["timestamp"] is null)
                    return FakeResponse.Error("INVALID_PARAMETER_VALUE", "Missing value for required parameter 'metrics[].timestamp'.");
            }

            foreach (var p in parameters)
            {
                var key = p!["key"]!.GetValue<string>();
                var value = p["value"]?.GetValue<string>() ?? "";
                if (run.Params.TryGetValue(key, out var existing) && existing != value)
                    return FakeResponse.Error("INVALID_PARAMETER_VALUE", $"Changing param values is not allowed. Param with key='{key}' was already logged with value='{existing}'. Attempted logging new value '{value}'.");
                run.Params[key] = value;
            }
            foreach (var t in tags)
                run.Tags[t!["key"]!.GetValue<string>()] = t["value"]?.GetValue<string>() ?? "";
            foreach (var m in metrics)
            {
                run.Metrics.Add(new MetricPoint(
                    m!["key"]!.GetValue<string>(),
                    ParseValue(m["value"]!),
                    m["step"] is { } step ? long.Parse(step.ToString(), CultureInfo.InvariantCulture) : 0,
                    DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(m["timestamp"]!.ToString(), CultureInfo.InvariantCulture))));
            }
            return FakeResponse.Empty();
        }
    }

    /// <summary>Paged history: page_token is the offset, next_page_token is omitted on the last page.</summary>
    public FakeResponse GetMetricHistory(string? runId, string? key, string? maxResults, string? pageToken)
    {
        lock (_lock)
        {
            if (runId is null || !_runs.TryGetValue(runId, out var run))
                return FakeResponse.Error("RESOURCE_DOES_NOT_EXIST", $"Run '{runId}' not found");
            var all = run.Metrics.Where(m => m.Key == key).ToList();
            var offset = pageToken is null ? 0 : int.Parse(pageToken, CultureInfo.InvariantCulture);
            var size = maxResults is null ? HistoryPageSize : int.Parse(maxResults, CultureInfo.InvariantCulture);
            var page = all.Skip(offset).Take(size).ToList();
            var response = new JsonObject { ["metrics"] = new JsonArray(page.Select(p => (JsonNode)MetricJson(p)).ToArray()) };
            if (offset + size < all.Count)
                response["next_page_token"] = (offset + size).ToString(CultureInfo.InvariantCulture);
            return FakeResponse.Ok(response);
        }
    }

    public FakeResponse PutArtifact(string path, byte[] bytes)
    {
        lock (_lock)
            Artifacts[path] = bytes;
        return FakeResponse.Empty();
    }

    public FakeResponse GetArtifact(string path)
    {
        lock (_lock)
        {
            return Artifacts.TryGetValue(path, out var bytes)
                ? FakeResponse.Bytes(bytes)
                : FakeResponse.Error("INTERNAL_ERROR", $"[Errno 2] No such file or directory: '{path}'");
        }
    }

    /// <summary>The proxy listing: direct children of the folder, basenames only.</summary>
    public FakeResponse ListArtifacts(string? folder)
    {
        lock (_lock)
        {
            var prefix = string.IsNullOrEmpty(folder) ? "" : folder.TrimEnd('/') + "/";
            var children = Artifacts.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => k[prefix.Length..])
                .GroupBy(rest => rest.Split('/')[0])
                .Select(g => g.Any(rest => rest.Contains('/'))
                    ? new JsonObject { ["path"] = g.Key, ["is_dir"] = true }
                    : new JsonObject { ["path"] = g.Key, ["is_dir"] = false, ["file_size"] = Artifacts[prefix + g.Key].Length })
                .ToArray();
            return FakeResponse.Ok(new JsonObject { ["files"] = new JsonArray(children) });
        }
    }

    private string AddExperiment(string name)
    {
        var id = (_nextExperimentId++).ToString(CultureInfo.InvariantCulture);
        _experimentsByName[name] = new JsonObject
        {
            ["experiment_id"] = id,
            ["name"] = name,
            ["artifact_location"] = $"mlflow-artifacts:/{id}",
            ["lifecycle_stage"] = "active",
        };
        return id;
    }

    private FakeRun? Find(JsonObject body)
    {
        var id = body["run_id"]?.GetValue<string>() ?? body["run_uuid"]?.GetValue<string>();
        return id is not null && _runs.TryGetValue(id, out var run) ? run : null;
    }

    private static FakeResponse MissingRun(JsonObject body) =>
        FakeResponse.Error("RESOURCE_DOES_NOT_EXIST", $"Run '{body["run_id"]}' not found");

    private static double ParseValue(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                var other => throw new FormatException($"Bad metric value '{other}'"),
            }
            : value.GetValue<double>();

    internal static JsonObject MetricJson(MetricPoint p) => new()
    {
        ["key"] = p.Key,
        ["value"] = double.IsFinite(p.Value) ? JsonValue.Create(p.Value) : JsonValue.Create(double.IsNaN(p.Value) ? "NaN" : p.Value > 0 ? "Infinity" : "-Infinity"),
        ["timestamp"] = p.TimestampMs,
        ["step"] = p.Step,
    };
}
