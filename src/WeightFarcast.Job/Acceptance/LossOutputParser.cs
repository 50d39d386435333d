using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WeightFarcast.Job.Acceptance;

/// <summary>Reads the loss an evaluation command printed: its last non-empty stdout line is a number, `loss=<x>`,
/// `loss: <x>`, or a JSON object with a numeric "loss".</summary>
public static partial class LossOutputParser
{
    public static double? Parse(string stdout)
    {
        var line = stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
        if (line is null)
            return null;
        if (line.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("loss", out var loss)
                    && loss.ValueKind == JsonValueKind.Number ? Finite(loss.GetDouble()) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
        var match = LossLine().Match(line);
        return match.Success && double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? Finite(value) : null;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    [GeneratedRegex(@"^(?:loss\s*[:=]\s*)?(?<value>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex LossLine();
}
