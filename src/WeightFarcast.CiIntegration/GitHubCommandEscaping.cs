namespace WeightFarcast.CiIntegration;

/// <summary>Escaping for GitHub workflow commands (<c>::cmd key=value,...::data</c>), as the runner unescapes it.</summary>
internal static class GitHubCommandEscaping
{
    // '%' first, or the escapes themselves would be escaped again.
    public static string Data(string value) => value
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    // ':' ends the property list and ',' separates properties, so both are escaped in values.
    public static string Property(string value) => Data(value)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);
}
