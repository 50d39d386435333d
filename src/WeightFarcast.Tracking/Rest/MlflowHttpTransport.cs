using System.Net.Http.Headers;

namespace WeightFarcast.Tracking;

/// <summary>
/// Sends one logical request to the MLflow server with per-attempt timeout, retries with backoff and
/// Retry-After, authentication, and error messages that are readable and free of credentials.
/// </summary>
internal sealed class MlflowHttpTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly RetryPolicy _retry;
    private readonly TimeSpan _timeout;
    private readonly TrackingEnvironment _environment;

    public MlflowHttpTransport(HttpClient http, Uri trackingBase, MlflowCredentials credentials, TrackingOptions options, TrackingEnvironment environment)
    {
        _http = http;
        TrackingBase = trackingBase;
        _authorization = credentials.Authorization;
        _retry = new RetryPolicy(options, Random.Shared.NextDouble);
        _timeout = options.RequestTimeout;
        _environment = environment;
        Redactor = new SecretRedactor(credentials.Secrets.Append(credentials.Authorization?.ToString()));
    }

    /// <summary>The server URL without user info and without a trailing slash.</summary>
    public Uri TrackingBase { get; }

    public SecretRedactor Redactor { get; }

    public Uri Url(string pathAndQuery) => new(TrackingBase.AbsoluteUri.TrimEnd('/') + pathAndQuery);

    /// <summary>Sends with retries; returns the 2xx response or throws <see cref="TrackingException"/>.</summary>
    public async Task<MlflowResponse> SendAsync(HttpMethod method, Uri url, Func<HttpContent?> content, CancellationToken ct)
    {
        var target = $"{method} {url.GetLeftPart(UriPartial.Path)}";
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(method, url, content, ct).ConfigureAwait(false);
            if (outcome.Response is { } ok)
                return ok;

            var retryable = outcome.StatusCode is null || RetryPolicy.IsTransient(outcome.StatusCode.Value);
            if (!retryable)
            {
                throw new TrackingException(TrackingFailureKind.Rejected,
                    Redactor.Redact($"MLflow {target} failed: {outcome.Detail}"), outcome.StatusCode, outcome.ErrorCode);
            }
            if (attempt > _retry.MaxRetries)
            {
                throw new TrackingException(TrackingFailureKind.Unavailable,
                    Redactor.Redact($"MLflow {target} failed after {attempt} attempt(s): {outcome.Detail}"),
                    outcome.StatusCode, outcome.ErrorCode, outcome.Error);
            }

            var wait = outcome.RetryAfter ?? _retry.Backoff(attempt);
            await _environment.Delay(wait, ct).ConfigureAwait(false);
        }
    }

    /// <summary>True when <paramref name="url"/> is on the tracking server itself, so credentials may be sent there.</summary>
    public bool IsSameOrigin(Uri url) =>
        string.Equals(url.Scheme, TrackingBase.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.Host, TrackingBase.Host, StringComparison.OrdinalIgnoreCase)
        && url.Port == TrackingBase.Port;

    private async Task<AttemptOutcome> AttemptAsync(HttpMethod method, Uri url, Func<HttpContent?> content, CancellationToken ct)
    {
        using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attemptCts.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(method, url) { Content = content() };
            if (_authorization is not null && IsSameOrigin(url))
                request.Headers.Authorization = _authorization;
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(attemptCts.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType?.MediaType;
            if (response.IsSuccessStatusCode)
                return new AttemptOutcome(new MlflowResponse(status, body, contentType), status, null, "", null, null);

            var (errorCode, detail) = MlflowErrorBody.Describe(body, contentType);
            var retryAfter = _retry.RetryAfter(response.Headers.RetryAfter, _environment.Time.GetUtcNow());
            return new AttemptOutcome(null, status, errorCode, $"HTTP {status} {detail}", retryAfter, null);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            return new AttemptOutcome(null, null, null, $"no response within {_timeout.TotalSeconds:0.###} s", null, e);
        }
        catch (HttpRequestException e)
        {
            return new AttemptOutcome(null, null, null, $"connection failed: {e.Message}", null, e);
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed record AttemptOutcome(
        MlflowResponse? Response, int? StatusCode, string? ErrorCode, string Detail, TimeSpan? RetryAfter, Exception? Error);
}
