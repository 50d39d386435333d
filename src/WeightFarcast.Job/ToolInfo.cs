using System.Reflection;

namespace WeightFarcast.Job;

/// <summary>The tool's version as stamped into outputs (provenance metadata, reports, tracking). Every project takes
/// it from Directory.Build.props, so this assembly's version is the tool's, also when a test host is the entry point.</summary>
public static class ToolInfo
{
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
