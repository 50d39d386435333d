using System.Globalization;
using System.Text.RegularExpressions;

namespace WeightFarcast.Tracking.Tests.Support;

/// <summary>
/// An independent reader of the mlruns layout, written from the rules in mlflow.md Part 2 (as MLflow's
/// FileStore and PyYAML apply them), not from the production writer, so the golden tests can catch it.
/// </summary>
public static partial class MlrunsRules
{
    /// <summary>A top-level YAML scalar with its raw text, so tests can check quoting as well as meaning.</summary>
    public sealed record Scalar(string Raw)
    {
        public bool IsNull => Raw is "null" or "~" or "";
        public bool IsSingleQuoted => Raw.Length >= 2 && Raw[0] == '\'' && Raw[^1] == '\'';
        public bool IsInteger => IntegerPattern().IsMatch(Raw);

        /// <summary>What yaml.safe_load gives for this scalar when it is a string.</summary>
        public string Text => IsSingleQuoted ? Raw[1..^1].Replace("''", "'") : Raw;

        public long Integer => long.Parse(Raw, CultureInfo.InvariantCulture);
    }

    public static readonly string[] RunMetaRequired2x = ["run_uuid", "experiment_id", "user_id", "status", "start_time", "end_time", "lifecycle_stage"];
    public static readonly string[] RunMetaRequired3x = ["run_id", "experiment_id", "user_id", "status", "start_time", "end_time", "lifecycle_stage"];
    public static readonly string[] ExperimentMetaRequired = ["experiment_id", "name", "artifact_location", "lifecycle_stage"];

    /// <summary>Reads "key: value" lines; fails on anything a flat PyYAML mapping would not contain.</summary>
    public static Dictionary<string, Scalar> ReadMeta(string path)
    {
        var text = File.ReadAllText(path);
        Assert.False(text.StartsWith('\uFEFF'), $"{path} starts with a BOM");
        var result = new Dictionary<string, Scalar>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n').Where(l => l.Length > 0))
        {
            var match = MetaLine().Match(line);
            Assert.True(match.Success, $"{path}: not a flat 'key: value' line: '{line}'");
            result[match.Groups[1].Value] = new Scalar(match.Groups[2].Value);
        }
        var keys = text.Split('\n').Where(l => l.Length > 0).Select(l => l[..l.IndexOf(':')]).ToList();
        Assert.Equal(keys.OrderBy(k => k, StringComparer.Ordinal), keys);
        return result;
    }

    /// <summary>One metric file, as _get_metric_from_line reads it: 2 or 3 space-separated fields, int() timestamp, float() value.</summary>
    public static List<(long Timestamp, double Value, long Step)> ReadMetric(string path)
    {
        var text = File.ReadAllText(path);
        Assert.False(string.IsNullOrWhiteSpace(text), $"empty metric file {path} breaks the run");
        var points = new List<(long, double, long)>();
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var fields = line.Split(' ');
            Assert.True(fields.Length is 2 or 3, $"metric line '{line}' must have 2 or 3 fields");
            Assert.Matches(IntegerPattern(), fields[0]);
            points.Add((long.Parse(fields[0], CultureInfo.InvariantCulture), PythonFloat(fields[1]), fields.Length == 3 ? long.Parse(fields[2], CultureInfo.InvariantCulture) : 0));
        }
        return points;
    }

    /// <summary>Python float(): decimal point only, and nan/inf/infinity in any case with an optional sign.</summary>
    public static double PythonFloat(string text)
    {
        var lower = text.ToLowerInvariant().TrimStart('+');
        if (lower is "nan" or "-nan")
            return double.NaN;
        if (lower is "inf" or "infinity")
            return double.PositiveInfinity;
        if (lower is "-inf" or "-infinity")
            return double.NegativeInfinity;
        Assert.Matches(PythonFloatPattern(), text);
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>A param or tag file: the whole content is the value, so a trailing newline would become part of it.</summary>
    public static string ReadValue(string path)
    {
        var text = File.ReadAllText(path);
        Assert.False(text.EndsWith('\n'), $"{path} ends with a newline that MLflow would keep in the value");
        return text;
    }

    /// <summary>Key files under a run's metrics/params/tags folder: nested folders join with '/', names must pass MLflow's key check.</summary>
    public static Dictionary<string, string> KeyFiles(string runFolder, string kind)
    {
        var folder = Path.Combine(runFolder, kind);
        if (!Directory.Exists(folder))
            return [];
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), f => f);
        foreach (var key in files.Keys)
            Assert.Matches(KeyPattern(), key);
        return files;
    }

    [GeneratedRegex(@"^([a-z_]+): (.*)$")]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex PythonFloatPattern();

    [GeneratedRegex(@"^[/\w.\- :]+$")]
    private static partial Regex KeyPattern();
}
