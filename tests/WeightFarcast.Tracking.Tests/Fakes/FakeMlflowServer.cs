using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace WeightFarcast.Tracking.Tests.Fakes;

/// <summary>
/// An in-process MLflow tracking server on 127.0.0.1 speaking the REST contract of mlflow.md,
/// with scripted faults per route, optional required Authorization, and a log of every request.
/// </summary>
public sealed class FakeMlflowServer : IAsyncDisposable
{
    private const string Api = "/api/2.0/mlflow/";
    private const string Artifacts = "/api/2.0/mlflow-artifacts/artifacts";
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ServerFault>> _faults = new();

    public FakeMlflowServer()
    {
        (_listener, Port) = Listen();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public string Uri => $"http://127.0.0.1:{Port}";

    public FakeMlflowStore Store { get; } = new();

    /// <summary>When set, requests must carry exactly this Authorization header or get MLflow's basic-auth 401 page.</summary>
    public string? RequiredAuthorization { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public IReadOnlyList<RecordedRequest> RequestsTo(string pathSuffix) =>
        _requests.Where(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal)).ToArray();

    /// <summary>The next <paramref name="times"/> requests whose path ends with <paramref name="pathSuffix"/> get <paramref name="fault"/>.</summary>
    public void Inject(string pathSuffix, ServerFault fault, int times = 1)
    {
        var queue = _faults.GetOrAdd(pathSuffix, _ => new ConcurrentQueue<ServerFault>());
        for (var i = 0; i < times; i++)
            queue.Enqueue(fault);
    }

    /// <summary>A port on which nothing listens, for connection-refused tests.</summary>
    public static int UnusedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static (HttpListener, int) Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = UnusedPort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var path = request.Url!.AbsolutePath;
        var recorded = new RecordedRequest(request.HttpMethod, path, request.Url.Query, request.Headers["Authorization"], request.ContentType, body.ToArray());
        _requests.Enqueue(recorded);

        try
        {
            var response = await FaultFor(path) ?? Route(recorded, request.QueryString);
            await WriteAsync(context.Response, response);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up (timeout test); nothing to answer.
        }
    }

    private async Task<FakeResponse?> FaultFor(string path)
    {
        foreach (var (suffix, queue) in _faults)
        {
            if (!path.EndsWith(suffix, StringComparison.Ordinal) || !queue.TryDequeue(out var fault))
                continue;
            switch (fault)
            {
                case ServerFault.Stall stall:
                    await Task.Delay(stall.Delay);
                    return null;
                case ServerFault.Respond respond:
                    return new FakeResponse(respond.Status, System.Text.Encoding.UTF8.GetBytes(respond.Body), respond.ContentType, respond.Headers);
            }
        }
        return null;
    }

    private FakeResponse Route(RecordedRequest request, System.Collections.Specialized.NameValueCollection query)
    {
        if (RequiredAuthorization is not null && request.Authorization != RequiredAuthorization)
            return FakeResponse.Html(401, "You are not authenticated. Please see the documentation.");

        if (request.Path.StartsWith(Artifacts, StringComparison.Ordinal))
        {
            var artifactPath = System.Uri.UnescapeDataString(request.Path[Artifacts.Length..].TrimStart('/'));
            return request.Method switch
            {
                "PUT" => Store.PutArtifact(artifactPath, request.Body),
                "GET" when artifactPath.Length == 0 => Store.ListArtifacts(query["path"]),
                "GET" => Store.GetArtifact(artifactPath),
                _ => FakeResponse.Html(405, "Method Not Allowed"),
            };
        }

        if (!request.Path.StartsWith(Api, StringComparison.Ordinal))
            return FakeResponse.Html(404, "Not Found");

        var endpoint = request.Path[Api.Length..];
        if (request.Method == "POST")
        {
            if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
                return FakeResponse.Error("INVALID_PARAMETER_VALUE", "Bad Request. Content-Type must be one of ['application/json']");
            var json = ParseBody(request.Body);
            return endpoint switch
            {
                "experiments/create" => Store.CreateExperiment(json),
                "runs/create" => Store.CreateRun(json),
                "runs/update" => Store.UpdateRun(json),
                "runs/set-tag" => Store.SetTag(json),
                "runs/log-batch" => Store.LogBatch(json, request.Body.Length),
                _ => FakeResponse.Html(404, "Not Found"),
            };
        }

        return (request.Method, endpoint) switch
        {
            ("GET", "experiments/get-by-name") => Store.GetExperimentByName(query["experiment_name"]),
            ("GET", "runs/get") => Store.GetRun(query["run_id"]),
            ("GET", "metrics/get-history") => Store.GetMetricHistory(query["run_id"], query["metric_key"], query["max_results"], query["page_token"]),
            _ => FakeResponse.Html(404, "Not Found"),
        };
    }

    // A malformed body is treated as {} by MLflow (mlflow.md §1.5).
    private static JsonObject ParseBody(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, FakeResponse answer)
    {
        response.StatusCode = answer.Status;
        response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            response.Headers[name] = value;
        response.ContentLength64 = answer.Body.Length;
        await response.OutputStream.WriteAsync(answer.Body);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
