namespace WeightFarcast.CiIntegration;

/// <summary>
/// Escaping for Azure Pipelines logging commands (<c>##vso[area.action key=value;...]data</c>). The agent
/// unescapes the same five tokens in properties and data; '%' maps to <c>%AZP25</c> (agent's percent encoding).
/// </summary>
internal static class AzureCommandEscaping
{
    public static string Escape(string value) => value
        .Replace("%", "%AZP25", StringComparison.Ordinal)
        .Replace(";", "%3B", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal)
        .Replace("]", "%5D", StringComparison.Ordinal);
}
