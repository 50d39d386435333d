using System.Text.RegularExpressions;

namespace WeightFarcast.Tracking;

/// <summary>
/// MLflow's client-side rules for metric, param and tag keys and value lengths (mlflow.md §1.3),
/// checked before anything is sent or written so the error names the offending key.
/// </summary>
public static partial class MlflowNameRules
{
    public const int MaxKeyLength = 250;
    public const int MaxParamValueLength = 6000;
    public const int MaxTagValueLength = 8000;

    [GeneratedRegex(@"^[/\w.\- :]*$")]
    private static partial Regex AllowedKeyCharacters();

    /// <summary>Throws <see cref="TrackingException"/> (InvalidInput) naming the key when MLflow would reject it.</summary>
    public static void ValidateKey(string key, string kind)
    {
        var problem = KeyProblem(key);
        if (problem is not null)
            throw TrackingException.InvalidInput($"Invalid {kind} key '{key}': {problem}.");
    }

    public static void ValidateKeys(IEnumerable<string> keys, string kind)
    {
        foreach (var key in keys)
            ValidateKey(key, kind);
    }

    /// <summary>Null when the key is acceptable, otherwise a short reason.</summary>
    public static string? KeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key))
            return "it is empty";
        if (key.Length > MaxKeyLength)
            return $"it is longer than {MaxKeyLength} characters";
        if (!AllowedKeyCharacters().IsMatch(key))
            return "only letters, digits, '_', '-', '.', ' ', ':' and '/' are allowed";
        if (OperatingSystem.IsWindows() && key.Contains(':'))
            return "':' is not allowed on Windows";
        if (!IsNormalizedRelativePath(key))
            return "it must be a normalized relative path (no leading '/', '..', '.', '//' or trailing '/')";
        return null;
    }

    /// <summary>MLflow's path_not_unique: posixpath.normpath(k) == k, not ".", not starting with ".." or "/".</summary>
    private static bool IsNormalizedRelativePath(string key)
    {
        if (key == "." || key.StartsWith("..", StringComparison.Ordinal) || key.StartsWith('/'))
            return false;
        foreach (var segment in key.Split('/'))
        {
            if (segment is "" or "." or "..")
                return false;
        }
        return true;
    }

    /// <summary>MLflow truncates over-long values by default (MLFLOW_TRUNCATE_LONG_VALUES); the file store does the same.</summary>
    public static string TruncateParamValue(string value) =>
        value.Length <= MaxParamValueLength ? value : value[..MaxParamValueLength];

    public static string TruncateTagValue(string value) =>
        value.Length <= MaxTagValueLength ? value : value[..MaxTagValueLength];
}
