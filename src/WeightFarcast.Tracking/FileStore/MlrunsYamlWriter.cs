using System.Globalization;
using System.Text;

namespace WeightFarcast.Tracking;

/// <summary>
/// Writes a flat meta.yaml the way MLflow's readers accept it (mlflow.md §2.10): keys sorted,
/// strings single-quoted (so hex/numeric ids stay strings), integers bare, null for None, [] for empty lists.
/// Strings with control characters are double-quoted with escapes, because line breaks fold inside single quotes.
/// </summary>
internal static class MlrunsYamlWriter
{
    public static string Write(IReadOnlyDictionary<string, object?> values)
    {
        var yaml = new StringBuilder();
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            yaml.Append(key).Append(": ").Append(Scalar(value)).Append('\n');
        return yaml.ToString();
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        Array { Length: 0 } => "[]",
        _ => throw new ArgumentException($"Unsupported meta.yaml value type {value.GetType().Name}."),
    };

    private static string Quote(string s)
    {
        if (!s.Any(NeedsDoubleQuotes))
            return "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
        var escaped = new StringBuilder("\"");
        foreach (var c in s)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when NeedsDoubleQuotes(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return escaped.Append('"').ToString();
    }

    private static bool NeedsDoubleQuotes(char c) => char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF';
}
