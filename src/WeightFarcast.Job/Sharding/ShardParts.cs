using System.Globalization;
using System.Text.RegularExpressions;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Sharding;

/// <summary>
/// The parts `merge` finds under out/shards, checked to form one complete split: a single shard count N, every
/// index 0..N-1 present with its shard.json, and all parts made with the same config, the same forecaster and the
/// partition this config gives. Any gap or disagreement is a <see cref="JobInputException"/> naming the part.
/// </summary>
public sealed partial class ShardParts
{
    private ShardParts(int count, IReadOnlyList<string> folders, IReadOnlyList<ShardManifest> manifests)
    {
        Count = count;
        Folders = folders;
        Manifests = manifests;
    }

    public int Count { get; }

    /// <summary>Shard folders, by index.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>Shard manifests, by index.</summary>
    public IReadOnlyList<ShardManifest> Manifests { get; }

    public static ShardParts Find(string outputDirectory, JobPlan plan, FarcastConfig config)
    {
        var root = Path.Combine(outputDirectory, "shards");
        if (!Directory.Exists(root))
            throw new JobInputException($"no shard parts to merge: {root} does not exist (run `weightfarcast run --shard i/N` for every i first)", root);
        var found = Directory.GetDirectories(root)
            .Select(d => (Folder: d, Match: PartName().Match(Path.GetFileName(d))))
            .Where(p => p.Match.Success)
            .Select(p => (p.Folder, Index: int.Parse(p.Match.Groups[1].Value, CultureInfo.InvariantCulture), Count: int.Parse(p.Match.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();
        var counts = found.Select(p => p.Count).Distinct().Order().ToList();
        if (counts.Count == 0)
            throw new JobInputException($"no shard parts to merge in {root} (expected folders named <i>-of-<N>)", root);
        if (counts.Count > 1)
            throw new JobInputException($"{root} holds parts of different splits ({string.Join(" and ", counts.Select(c => $"N = {c}"))}); remove the stale ones and merge again", root);

        var count = counts[0];
        var fingerprint = ShardFingerprints.Config(config);
        var folders = new List<string>();
        var manifests = new List<ShardManifest>();
        for (var i = 0; i < count; i++)
        {
            var shard = new ShardSpec(i, count);
            var folder = Path.Combine(root, shard.FolderName);
            var path = Path.Combine(folder, ShardManifest.FileName);
            if (!File.Exists(path))
                throw new JobInputException($"shard {shard} is missing: {path} does not exist (run `weightfarcast run --shard {shard}` and merge again)", path);
            var manifest = ShardManifest.Read(path);
            if (manifest.Index != i || manifest.Count != count)
                throw new JobInputException($"shard {shard}: {path} says it is shard {manifest.Index}/{manifest.Count}", path);
            if (manifest.ConfigHash != fingerprint)
                throw new JobInputException($"shard {shard} was run with different settings than this config (config hash {manifest.ConfigHash[..12]} vs {fingerprint[..12]})", path);
            if (manifests.Count > 0 && manifest.ForecasterHash != manifests[0].ForecasterHash)
                throw new JobInputException($"shard {shard} applied a different forecaster than shard 0/{count} (coefficients differ); rerun it", path);
            var expected = TensorPartition.Of(plan.Tensors, shard).Select(t => t.Name);
            if (!manifest.Tensors.SequenceEqual(expected, StringComparer.Ordinal))
                throw new JobInputException($"shard {shard} holds other tensors than the partition of this target gives; rerun it", path);
            folders.Add(folder);
            manifests.Add(manifest);
        }
        return new ShardParts(count, folders, manifests);
    }

    [GeneratedRegex(@"^(\d+)-of-(\d+)$")]
    private static partial Regex PartName();
}
