namespace WeightFarcast.Tracking;

/// <summary>
/// Plain settings for <see cref="TrackerFactory"/>. Defaults follow MLflow's Python client (mlflow.md §1.8).
/// Credentials are not here: they come from the environment lookup in <see cref="TrackingEnvironment"/>.
/// </summary>
public sealed class TrackingOptions
{
    /// <summary>"none", a folder path, a file: URI or an http(s):// MLflow server. Null: MLFLOW_TRACKING_URI, else "none".</summary>
    public string? Uri { get; set; }

    /// <summary>Timeout of one HTTP attempt (MLFLOW_HTTP_REQUEST_TIMEOUT).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries after the first attempt for 408/429/5xx and connection errors (MLFLOW_HTTP_REQUEST_MAX_RETRIES, below 10).</summary>
    public int MaxRetries { get; set; } = 7;

    /// <summary>Backoff before retry n (n &gt;= 2) is BackoffFactor * 2^(n-1), capped at <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffFactor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Uniform random extra wait added to each backoff.</summary>
    public TimeSpan BackoffJitter { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Longest Retry-After wait honoured; larger values are clamped.</summary>
    public TimeSpan RetryAfterMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Skip TLS certificate checks. Null: MLFLOW_TRACKING_INSECURE_TLS.</summary>
    public bool? InsecureSkipTlsVerify { get; set; }

    /// <summary>CA bundle (PEM) that signs the server certificate. Null: MLFLOW_TRACKING_SERVER_CERT_PATH.</summary>
    public string? ServerCertificatePath { get; set; }

    /// <summary>Client certificate with its key in one PEM file. Null: MLFLOW_TRACKING_CLIENT_CERT_PATH.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>When set, a run whose server fails is recorded in this mlruns folder instead, with a warning saying where.</summary>
    public string? FallbackFolder { get; set; }

    /// <summary>user_id and mlflow.user of new runs. Null: the OS user name.</summary>
    public string? User { get; set; }

    /// <summary>mlflow.source.name of new runs.</summary>
    public string SourceName { get; set; } = "weightfarcast";

    /// <summary>How long EndAsync may still try to record the status when the caller's token is already cancelled.</summary>
    public TimeSpan EndGracePeriod { get; set; } = TimeSpan.FromSeconds(15);
}
