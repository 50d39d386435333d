namespace WeightFarcast.Tests.Shared;

/// <summary>Finds the repository's own folders from a test's bin directory.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WeightFarcast.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"WeightFarcast.sln not found above {AppContext.BaseDirectory}");
    }
}
