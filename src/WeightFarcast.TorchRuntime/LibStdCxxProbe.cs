using WeightFarcast.TorchRuntime.Elf;

namespace WeightFarcast.TorchRuntime;

/// <summary>What the process's C++ runtime provides: the libstdc++ the loader will bind and its GLIBCXX versions.</summary>
public sealed record LibStdCxxInfo(string? Path, IReadOnlyList<string> GlibcxxVersions)
{
    public string? Highest => GlibcxxVersions.OrderBy(VersionKey).LastOrDefault();

    public bool Provides(string version) => GlibcxxVersions.Contains(version, StringComparer.Ordinal);

    private static Version VersionKey(string name) =>
        Version.TryParse(name.Replace("GLIBCXX_", "", StringComparison.Ordinal), out var v) ? v : new Version(0, 0);
}

public static class LibStdCxxProbe
{
    private static readonly string[] WellKnownPaths =
    [
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
    ];

    public static LibStdCxxInfo Probe()
    {
        var path = FromProcessMaps() ?? WellKnownPaths.FirstOrDefault(File.Exists);
        if (path is null)
            return new LibStdCxxInfo(null, []);
        var versions = ElfVersionDefinitions.Read(ElfImage.Load(path))
            .Where(v => v.StartsWith("GLIBCXX_", StringComparison.Ordinal))
            .ToList();
        return new LibStdCxxInfo(path, versions);
    }

    // The .NET host links libstdc++, so the copy already mapped is the one LibTorchSharp will bind to.
    private static string? FromProcessMaps()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
            return null;
        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
                continue;
            var candidate = line[slash..];
            if (System.IO.Path.GetFileName(candidate).StartsWith("libstdc++.so", StringComparison.Ordinal) && File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
