namespace WeightFarcast.Job.Configuration;

/// <summary>One thing wrong with a configuration, located by its dotted path and, when known, its YAML line.</summary>
public sealed record ConfigProblem(string Path, string Message, string? File = null, int? Line = null, int? Column = null)
{
    public override string ToString()
    {
        var where = File is null ? "" : Line is null ? $"{File}: " : $"{File}({Line},{Column}): ";
        return $"{where}{Message}";
    }
}

/// <summary>The configuration cannot be used; every problem found is listed at once.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigProblem> problems)
    : Exception(problems.Count == 1
        ? problems[0].ToString()
        : $"{problems.Count} configuration problems:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public IReadOnlyList<ConfigProblem> Problems { get; } = problems;

    public ConfigException(ConfigProblem problem) : this([problem]) { }
}
