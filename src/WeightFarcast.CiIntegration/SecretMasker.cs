using System.Collections;

namespace WeightFarcast.CiIntegration;

/// <summary>
/// Replaces known secret values with <c>***</c> before any text reaches a CI channel (log, summary, outputs).
/// Secrets are the values of environment variables whose names contain TOKEN, PASSWORD or SECRET.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "***";

    /// <summary>Shorter values are left alone: masking every "1" or "on" would garble ordinary text.</summary>
    public const int MinimumSecretLength = 4;

    private static readonly string[] SecretNameParts = ["TOKEN", "PASSWORD", "SECRET"];

    // Longest first, so a secret that contains another is masked whole.
    private readonly List<string> _secrets = [];

    public SecretMasker(IEnumerable<string> secretValues)
    {
        ArgumentNullException.ThrowIfNull(secretValues);
        foreach (var value in secretValues)
            Add(value);
    }

    /// <summary>A new, empty masker each time: maskers learn values through <see cref="Add"/>, so none is shared.</summary>
    public static SecretMasker None => new([]);

    /// <summary>True when the variable name looks like it holds a secret (case-insensitive).</summary>
    public static bool IsSecretName(string variableName) =>
        SecretNameParts.Any(part => variableName.Contains(part, StringComparison.OrdinalIgnoreCase));

    public static SecretMasker FromEnvironment(IEnumerable<KeyValuePair<string, string?>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new SecretMasker(variables.Where(v => IsSecretName(v.Key) && v.Value is not null).Select(v => v.Value!));
    }

    public static SecretMasker FromProcessEnvironment() =>
        FromEnvironment(Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .Select(e => new KeyValuePair<string, string?>((string)e.Key, e.Value as string)));

    /// <summary>Adds a value to mask; each line of a multi-line value is masked on its own too.</summary>
    public void Add(string? value)
    {
        if (value is null)
            return;
        AddOne(value);
        foreach (var line in value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
            AddOne(line);
    }

    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    public string? ApplyOrNull(string? text) => text is null ? null : Apply(text);

    private void AddOne(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length < MinimumSecretLength || _secrets.Contains(trimmed, StringComparer.Ordinal))
            return;
        _secrets.Add(trimmed);
        _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
    }
}
