using System.Globalization;
using System.Text;

namespace WeightFarcast.Tracking;

/// <summary>
/// Reads the flat top-level scalars of a meta.yaml written by MLflow (PyYAML) or by us: plain,
/// 'single' and "double" quoted values, including PyYAML's wrapped continuation lines.
/// Nested structures are skipped. Returns null for YAML null.
/// </summary>
internal static class MlrunsYamlReader
{
    public static Dictionary<string, string?> Read(string text)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || char.IsWhiteSpace(line[0]) || line[0] is '#' or '-')
                continue;
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            var key = colon < 0 ? line.TrimEnd(':') : line[..colon];
            var raw = new StringBuilder(colon < 0 ? "" : line[(colon + 2)..].Trim());
            // Continuation lines of a wrapped scalar are indented.
            while (i + 1 < lines.Length && lines[i + 1].Length > 0 && char.IsWhiteSpace(lines[i + 1][0]))
                raw.Append('\n').Append(lines[++i].Trim());
            result[key] = Scalar(raw.ToString());
        }
        return result;
    }

    private static string? Scalar(string raw)
    {
        if (raw.Length == 0 || raw is "null" or "~")
            return null;
        if (raw[0] == '\'')
            return Fold(raw[1..raw.LastIndexOf('\'')]).Replace("''", "'", StringComparison.Ordinal);
        if (raw[0] == '"')
            return Unescape(Fold(raw[1..raw.LastIndexOf('"')]));
        return Fold(raw);
    }

    // YAML folding: a single line break becomes a space, an empty line becomes a newline.
    private static string Fold(string value) =>
        value.Replace("\n\n", "\u0000", StringComparison.Ordinal).Replace('\n', ' ').Replace('\u0000', '\n');

    private static string Unescape(string value)
    {
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 >= value.Length)
            {
                result.Append(value[i]);
                continue;
            }
            var c = value[++i];
            switch (c)
            {
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case '0': result.Append('\0'); break;
                case 'x': result.Append((char)int.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 2; break;
                case 'u': result.Append((char)int.Parse(value.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 4; break;
                case 'U': result.Append(char.ConvertFromUtf32(int.Parse(value.AsSpan(i + 1, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture))); i += 8; break;
                case ' ': result.Append(' '); break;
                default: result.Append(c); break;
            }
        }
        return result.ToString();
    }
}
