using System.Globalization;
using WeightFarcast.Job.Configuration;

namespace WeightFarcast.Job.Sharding;

/// <summary>
/// Which part of a sharded run this process is: shard <see cref="Index"/> (0-based) of <see cref="Count"/>. Comes from
/// `--shard i/N`, or from a Kubernetes Indexed Job: JOB_COMPLETION_INDEX with `--shards N` or WEIGHTFARCAST_SHARDS.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    public const string CompletionIndexVariable = "JOB_COMPLETION_INDEX";
    public const string ShardsVariable = "WEIGHTFARCAST_SHARDS";

    /// <summary>The shard's folder name under out/shards: "&lt;i&gt;-of-&lt;N&gt;".</summary>
    public string FolderName => $"{Index}-of-{Count}";

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Parses "i/N"; null when the text is not of that form or i is not in [0, N).</summary>
    public static ShardSpec? TryParse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index < count)
            return new ShardSpec(index, count);
        return null;
    }

    /// <summary>
    /// The shard this process runs, or null for a whole (unsharded) run. `--shard` wins; otherwise a shard count from
    /// `--shards` or WEIGHTFARCAST_SHARDS makes JOB_COMPLETION_INDEX required. JOB_COMPLETION_INDEX alone is ignored
    /// (an Indexed Job may run other things), so sharding is always asked for explicitly.
    /// </summary>
    public static ShardSpec? Resolve(string? shardOption, int? shardsOption, Func<string, string?> getEnv)
    {
        if (shardOption is not null)
            return TryParse(shardOption) ?? throw Problem("--shard", $"--shard '{shardOption}' must be i/N with 0 <= i < N (e.g. 0/4)");
        int count;
        if (shardsOption is { } fromOption)
            count = fromOption;
        else if (getEnv(ShardsVariable) is { Length: > 0 } fromEnv)
            count = int.TryParse(fromEnv, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        else
            return null;
        if (count < 1)
            throw Problem(ShardsVariable, $"the shard count (--shards or {ShardsVariable}) must be a whole number of at least 1");
        var indexText = getEnv(CompletionIndexVariable);
        if (string.IsNullOrEmpty(indexText))
            throw Problem(CompletionIndexVariable, $"a shard count of {count} is set but {CompletionIndexVariable} is not: use --shard i/{count}, or run as a Kubernetes Indexed Job");
        if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= count)
            throw Problem(CompletionIndexVariable, $"{CompletionIndexVariable}={indexText} is not a shard index in [0, {count})");
        return new ShardSpec(index, count);
    }

    private static ConfigException Problem(string path, string message) => new([new ConfigProblem(path, message)]);
}
