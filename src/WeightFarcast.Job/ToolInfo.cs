using System.Reflection;

namespace WeightFarcast.Job;

/// <summary>The tool's version as stamped into outputs (provenance metadata, reports, tracking).</summary>
public static class ToolInfo
{
    public static string Version { get; } =
        (Assembly.GetEntryAssembly() ?? typeof(ToolInfo).Assembly).GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
