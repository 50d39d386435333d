using System.Globalization;
using System.Text.RegularExpressions;
using WeightFarcast.Checkpoints.Reading;

namespace WeightFarcast.Checkpoints.Trajectories;

/// <summary>
/// A training run on disk: checkpoints at increasing steps. Discovered from a path pattern holding <c>{step}</c>
/// (in a file or folder name, e.g. <c>runs/a/step-{step}.safetensors</c>, <c>ckpt/checkpoint-{step}/model.safetensors</c>)
/// or from a folder of Hugging Face Trainer <c>checkpoint-&lt;step&gt;/</c> folders.
/// </summary>
public sealed partial class Trajectory
{
    public const string StepPlaceholder = "{step}";

    private readonly SortedDictionary<long, string> _paths;

    private Trajectory(string pattern, SortedDictionary<long, string> paths)
    {
        Pattern = pattern;
        _paths = paths;
        Steps = paths.Keys.ToList();
    }

    /// <summary>The pattern or folder the trajectory was discovered from.</summary>
    public string Pattern { get; }

    /// <summary>Steps found, ascending.</summary>
    public IReadOnlyList<long> Steps { get; }

    /// <summary>The checkpoint path (file or folder) for a discovered step.</summary>
    public string PathFor(long step) =>
        _paths.TryGetValue(step, out var path)
            ? path
            : throw new ArgumentOutOfRangeException(nameof(step), step, $"Step {step} is not in trajectory '{Pattern}' (steps: {string.Join(", ", Steps)}).");

    /// <summary>Opens the checkpoint at a step.</summary>
    public ICheckpointReader Open(long step) => CheckpointReader.Open(PathFor(step));

    /// <summary>Finds every step matching <paramref name="spec"/>; throws <see cref="CheckpointException"/> naming the pattern when none does.</summary>
    public static Trajectory Discover(string spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        IEnumerable<(string Path, long Step)> found;
        try
        {
            if (spec.Contains(StepPlaceholder, StringComparison.Ordinal))
                found = MatchPattern(spec);
            else if (Directory.Exists(spec))
                found = TrainerCheckpoints(spec);
            else
                throw new CheckpointException(spec, $"is neither a pattern containing {StepPlaceholder} nor an existing folder of checkpoint-<step> folders.");
            return new Trajectory(spec, Collect(spec, found));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(spec, $"cannot list checkpoints: {e.Message}", e);
        }
    }

    private static SortedDictionary<long, string> Collect(string spec, IEnumerable<(string Path, long Step)> found)
    {
        var paths = new SortedDictionary<long, string>();
        foreach (var (path, step) in found)
        {
            if (!paths.TryAdd(step, path))
                throw new CheckpointException(spec, $"step {step} matches both '{paths[step]}' and '{path}'.");
        }
        if (paths.Count == 0)
            throw new CheckpointException(spec, spec.Contains(StepPlaceholder, StringComparison.Ordinal)
                ? $"no checkpoints match the pattern (the {StepPlaceholder} part must be a non-negative integer)."
                : "no checkpoint-<step> folders in this folder.");
        return paths;
    }

    private static IEnumerable<(string, long)> TrainerCheckpoints(string folder) =>
        Directory.EnumerateDirectories(folder)
            .Select(dir => (dir, match: TrainerFolder().Match(System.IO.Path.GetFileName(dir))))
            .Where(x => x.match.Success && TryStep(x.match.Groups[1].Value, out _))
            .Select(x => (x.dir, long.Parse(x.match.Groups[1].Value, CultureInfo.InvariantCulture)));

    // Walks the pattern segment by segment, listing only folders the pattern reaches; a segment with {step}
    // becomes a regex, and if {step} appears in several segments they must agree.
    private static List<(string, long)> MatchPattern(string spec)
    {
        var segments = spec.Split('/', '\\');
        var start = System.IO.Path.IsPathRooted(spec) ? System.IO.Path.GetPathRoot(spec)! : "";
        var states = new List<(string Path, long? Step)> { (start, null) };
        foreach (var segment in segments.Where((s, i) => !(i == 0 && start.Length > 0 && s.Length == 0)))
        {
            if (!segment.Contains(StepPlaceholder, StringComparison.Ordinal))
            {
                states = states.Select(s => (System.IO.Path.Combine(s.Path, segment), s.Step)).ToList();
                continue;
            }
            var regex = new Regex("^" + string.Join("([0-9]+)", segment.Split(StepPlaceholder).Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);
            var next = new List<(string, long?)>();
            foreach (var (path, step) in states)
            {
                var folder = path.Length == 0 ? "." : path;
                if (!Directory.Exists(folder))
                    continue;
                foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
                {
                    var name = System.IO.Path.GetFileName(entry);
                    var match = regex.Match(name);
                    if (!match.Success)
                        continue;
                    var values = match.Groups.Cast<Group>().Skip(1).Select(g => g.Value).ToList();
                    if (!values.All(v => TryStep(v, out _)) || values.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).Distinct().Count() != 1)
                        continue;
                    var found = long.Parse(values[0], CultureInfo.InvariantCulture);
                    if (step is null || step == found)
                        next.Add((System.IO.Path.Combine(path, name), found));
                }
            }
            states = next;
        }
        return states
            .Where(s => s.Step is not null && (File.Exists(s.Path) || Directory.Exists(s.Path)))
            .Select(s => (s.Path, s.Step!.Value))
            .ToList();
    }

    private static bool TryStep(string digits, out long step) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out step);

    [GeneratedRegex("^checkpoint-([0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrainerFolder();
}
