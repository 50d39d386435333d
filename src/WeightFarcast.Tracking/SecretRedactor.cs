using System.Text.RegularExpressions;

namespace WeightFarcast.Tracking;

/// <summary>
/// Removes credentials from text and key/value collections before they are printed, logged or sent
/// to a tracker: values of known secret environment variables, values under secret-looking keys,
/// user:password in URLs and Authorization header values.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Environment variables whose values are always secrets.</summary>
    public static IReadOnlyList<string> KnownSecretVariables { get; } =
    [
        "MLFLOW_TRACKING_PASSWORD",
        "MLFLOW_TRACKING_TOKEN",
        "MLFLOW_TRACKING_CLIENT_CERT_PATH",
        "DATABRICKS_TOKEN",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AZURE_STORAGE_ACCESS_KEY",
        "AZURE_STORAGE_CONNECTION_STRING",
        "GOOGLE_APPLICATION_CREDENTIALS",
        "HF_TOKEN",
        "WANDB_API_KEY",
    ];

    // Whole words in a key (split on separators and camelCase) that mark its value as secret.
    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "token", "password", "passwd", "pwd", "secret", "key", "apikey", "credential", "credentials",
        "auth", "authorization", "cookie", "signature", "passphrase", "bearer", "privatekey", "connectionstring",
    };

    private readonly string[] _secretValues;

    public SecretRedactor(IEnumerable<string?> secretValues)
    {
        // Longest first so a secret that contains another is masked whole.
        _secretValues = secretValues
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => v!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ToArray();
    }

    /// <summary>A redactor for the secret values found in <see cref="KnownSecretVariables"/> and in secret-looking variables the caller names.</summary>
    public static SecretRedactor FromEnvironment(Func<string, string?> getVariable, IEnumerable<string>? extraVariables = null)
    {
        var names = KnownSecretVariables.Concat(extraVariables ?? []);
        return new SecretRedactor(names.Select(getVariable));
    }

    /// <summary>True when a key's name says its value is a credential (api_key, MLFLOW_TRACKING_TOKEN, dbPassword...).</summary>
    public static bool IsSecretKey(string key) =>
        KeyWords().Split(CamelBoundary().Replace(key, "$1 $2"))
            .Any(word => word.Length > 0 && SecretWords.Contains(word));

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? "";
        var result = text;
        foreach (var secret in _secretValues)
            result = result.Replace(secret, Mask, StringComparison.Ordinal);
        result = UrlUserInfo().Replace(result, "$1" + Mask + "@");
        result = SecretQueryValue().Replace(result, "$1=" + Mask);
        result = AuthorizationValue().Replace(result, "$1" + Mask);
        return result;
    }

    /// <summary>A copy with secret-keyed values masked and every other value redacted as text.</summary>
    public Dictionary<string, string> Redact(IReadOnlyDictionary<string, string> values)
    {
        var result = new Dictionary<string, string>(values.Count, StringComparer.Ordinal);
        foreach (var (key, value) in values)
            result[key] = IsSecretKey(key) ? Mask : Redact(value);
        return result;
    }

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex KeyWords();

    [GeneratedRegex(@"([a-z0-9])([A-Z])")]
    private static partial Regex CamelBoundary();

    // scheme://user:password@host -> scheme://***@host ; also scheme://token@host.
    [GeneratedRegex(@"([A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@]+@")]
    private static partial Regex UrlUserInfo();

    // ?token=abc / &api_key=... / ;sig=... -> the parameter's value masked.
    [GeneratedRegex(@"([?&;](?:[a-z_]*token|[a-z_]*password|[a-z_]*secret|[a-z_]*key|sig))=[^&;\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryValue();

    [GeneratedRegex(@"((?:Authorization|Proxy-Authorization)\s*[:=]\s*(?:Basic|Bearer|Token)?\s*)[^\s,;""']+", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationValue();
}
