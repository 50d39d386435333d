using System.Globalization;
using System.Text.Json.Nodes;
using WeightFarcast.Tracking.Tests.Fakes;
using WeightFarcast.Tracking.Tests.Support;

namespace WeightFarcast.Tracking.Tests;

/// <summary>log-batch splitting within every server limit, value encoding, key validation and metric history paging.</summary>
public sealed class RestBatchTests : FakeServerTest
{
    private MlflowRestClient _client = null!;
    private string _runId = "";

    public override async Task InitializeAsync()
    {
        _client = Tracking.Client(Server.Uri);
        var experiment = await _client.GetOrCreateExperimentAsync("batches", default);
        _runId = (await _client.CreateRunAsync(experiment, "r", 1, "tester", new Dictionary<string, string>(), default)).RunId;
    }

    [Fact]
    public async Task Metrics_2500_and_params_250_go_in_3_requests_none_over_a_limit()
    {
        var metrics = Enumerable.Range(0, 2500).Select(i => new MetricPoint($"m{i % 7}", i * 0.5, i, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + i))).ToList();
        var parameters = Enumerable.Range(0, 250).ToDictionary(i => $"p{i}", i => i.ToString(CultureInfo.InvariantCulture));

        var requests = await _client.LogBatchAsync(_runId, metrics, parameters, new Dictionary<string, string>(), default);

        var sent = Server.RequestsTo("runs/log-batch");
        Assert.Equal(3, requests);
        Assert.Equal(3, sent.Count);
        foreach (var request in sent)
            AssertWithinLimits(request);
        var run = Server.Store.Run(_runId);
        Assert.Equal(250, run.Params.Count);
        Assert.Equal(2500, run.Metrics.Count);
        // Order of each metric key survives the split.
        Assert.Equal(metrics.Where(m => m.Key == "m3").Select(m => m.Step), run.Metrics.Where(m => m.Key == "m3").Select(m => m.Step));
    }

    [Theory]
    [InlineData(2500, 0, 0, 3)]
    [InlineData(1000, 0, 0, 1)]
    [InlineData(1001, 0, 0, 2)]
    [InlineData(0, 250, 0, 3)]
    [InlineData(0, 0, 201, 3)]
    [InlineData(950, 100, 100, 2)]
    public async Task Each_limit_alone_decides_the_request_count(int metricCount, int paramCount, int tagCount, int expectedRequests)
    {
        var metrics = Enumerable.Range(0, metricCount).Select(i => new MetricPoint("m", i, i, DateTimeOffset.FromUnixTimeMilliseconds(i))).ToList();
        var parameters = Enumerable.Range(0, paramCount).ToDictionary(i => $"p{i}", i => "v");
        var tags = Enumerable.Range(0, tagCount).ToDictionary(i => $"t{i}", i => "v");

        Assert.Equal(expectedRequests, await _client.LogBatchAsync(_runId, metrics, parameters, tags, default));

        var sent = Server.RequestsTo("runs/log-batch");
        Assert.Equal(expectedRequests, sent.Count);
        foreach (var request in sent)
            AssertWithinLimits(request);
        Assert.Equal(metricCount, Server.Store.Run(_runId).Metrics.Count);
    }

    [Fact]
    public async Task Long_values_are_split_by_the_1MB_body_limit()
    {
        var parameters = Enumerable.Range(0, 100).ToDictionary(i => $"p{i}", _ => new string('p', 6000));
        var tags = Enumerable.Range(0, 100).ToDictionary(i => $"t{i}", _ => new string('t', 8000));

        var requests = await _client.LogBatchAsync(_runId, [], parameters, tags, default);

        Assert.True(requests >= 2);
        foreach (var request in Server.RequestsTo("runs/log-batch"))
            AssertWithinLimits(request);
        Assert.Equal(100, Server.Store.Run(_runId).Params.Count);
        Assert.Equal(100, Server.Store.Run(_runId).Tags.Count(t => t.Key.StartsWith('t')));
    }

    [Fact]
    public async Task Non_finite_values_are_sent_as_MLflow_strings_and_extremes_round_trip()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, double.Epsilon, 0.1];
        await _client.LogBatchAsync(_runId, values.Select((v, i) => new MetricPoint("v", v, i, at)).ToList(),
            new Dictionary<string, string>(), new Dictionary<string, string>(), default);

        var body = Server.RequestsTo("runs/log-batch").Single().BodyText;
        Assert.Contains("\"value\":\"NaN\"", body, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"Infinity\"", body, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"-Infinity\"", body, StringComparison.Ordinal);
        Assert.Equal(values, Server.Store.Run(_runId).Metrics.Select(m => m.Value));
        foreach (var number in JsonNode.Parse(body)!["metrics"]!.AsArray().Select(m => m!["value"]!).Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.Number))
            Assert.True(double.IsFinite(double.Parse(number.ToJsonString(), CultureInfo.InvariantCulture)), $"{number} overflows a double");
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("bad=key")]
    [InlineData("./a")]
    public async Task Invalid_keys_fail_before_anything_is_sent_and_the_error_names_the_key(string key)
    {
        var metrics = new List<MetricPoint> { new("fine", 1, 0, DateTimeOffset.UnixEpoch), new(key, 1, 0, DateTimeOffset.UnixEpoch) };

        var error = await Assert.ThrowsAsync<TrackingException>(() =>
            _client.LogBatchAsync(_runId, metrics, new Dictionary<string, string>(), new Dictionary<string, string>(), default));

        Assert.Equal(TrackingFailureKind.InvalidInput, error.Kind);
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Server.RequestsTo("runs/log-batch"));
    }

    [Fact]
    public async Task Too_long_keys_fail_before_sending()
    {
        var key = new string('k', 251);
        var error = await Assert.ThrowsAsync<TrackingException>(() =>
            _client.LogBatchAsync(_runId, [], new Dictionary<string, string> { [key] = "v" }, new Dictionary<string, string>(), default));
        Assert.Contains("250", error.Message, StringComparison.Ordinal);
        Assert.Empty(Server.RequestsTo("runs/log-batch"));
    }

    [Fact]
    public async Task Changing_a_param_is_rejected_by_theServer_with_its_message()
    {
        await _client.LogBatchAsync(_runId, [], new Dictionary<string, string> { ["lr"] = "0.1" }, new Dictionary<string, string>(), default);
        await _client.LogBatchAsync(_runId, [], new Dictionary<string, string> { ["lr"] = "0.1" }, new Dictionary<string, string>(), default);

        var error = await Assert.ThrowsAsync<TrackingException>(() =>
            _client.LogBatchAsync(_runId, [], new Dictionary<string, string> { ["lr"] = "0.2" }, new Dictionary<string, string>(), default));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.ErrorCode);
        Assert.Contains("Changing param values is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metric_history_follows_next_page_token_to_the_end()
    {
        Server.Store.HistoryPageSize = 7;
        var points = Enumerable.Range(0, 25).Select(i => new MetricPoint("loss", 1.0 / (i + 1), i, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + i))).ToList();
        await _client.LogBatchAsync(_runId, points, new Dictionary<string, string>(), new Dictionary<string, string>(), default);

        var history = await _client.GetMetricHistoryAsync(_runId, "loss", null, default);

        Assert.Equal(points, history);
        Assert.Equal(4, Server.RequestsTo("metrics/get-history").Count);
    }

    [Fact]
    public async Task Metric_history_page_size_is_passed_on()
    {
        var points = Enumerable.Range(0, 5).Select(i => new MetricPoint("acc", i, i, DateTimeOffset.FromUnixTimeMilliseconds(i))).ToList();
        await _client.LogBatchAsync(_runId, points, new Dictionary<string, string>(), new Dictionary<string, string>(), default);

        Assert.Equal(5, (await _client.GetMetricHistoryAsync(_runId, "acc", 2, default)).Count);
        Assert.Equal(3, Server.RequestsTo("metrics/get-history").Count);
        Assert.All(Server.RequestsTo("metrics/get-history"), r => Assert.Contains("max_results=2", r.Query, StringComparison.Ordinal));
    }

    private static void AssertWithinLimits(RecordedRequest request)
    {
        Assert.StartsWith("application/json", request.ContentType);
        Assert.True(request.Body.Length <= 1_000_000, $"body of {request.Body.Length} bytes");
        var body = JsonNode.Parse(request.Body)!;
        var metrics = body["metrics"]?.AsArray().Count ?? 0;
        var parameters = body["params"]?.AsArray().Count ?? 0;
        var tags = body["tags"]?.AsArray().Count ?? 0;
        Assert.InRange(metrics, 0, 1000);
        Assert.InRange(parameters, 0, 100);
        Assert.InRange(tags, 0, 100);
        Assert.InRange(metrics + parameters + tags, 1, 1000);
    }

    public override async Task DisposeAsync()
    {
        _client.Dispose();
        await base.DisposeAsync();
    }
}
