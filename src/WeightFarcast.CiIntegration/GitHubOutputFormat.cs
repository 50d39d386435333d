namespace WeightFarcast.CiIntegration;

/// <summary>
/// One entry of GitHub's <c>$GITHUB_OUTPUT</c> file: <c>name=value</c>, or for multi-line values the
/// heredoc form <c>name&lt;&lt;DELIM ... DELIM</c> with a random delimiter that cannot occur in the value.
/// </summary>
internal static class GitHubOutputFormat
{
    public static string NewDelimiter() => "ghadelimiter_" + Guid.NewGuid().ToString("N");

    public static string Entry(string name, string value, Func<string> newDelimiter)
    {
        if (!value.Contains('\n') && !value.Contains('\r'))
            return $"{name}={value}\n";

        var delimiter = newDelimiter();
        // A value that contains the delimiter would end the heredoc early and inject other outputs.
        while (value.Contains(delimiter, StringComparison.Ordinal))
            delimiter = newDelimiter();
        return $"{name}<<{delimiter}\n{value}\n{delimiter}\n";
    }
}
