using System.Diagnostics;
using WeightFarcast.Tests.Shared;

namespace WeightFarcast.Cli.Tests;

/// <summary>The product as users get it: `dotnet pack`, `dotnet tool install` from a local folder, then the installed
/// `weightfarcast doctor` and `weightfarcast demo` from a clean folder with a clean cache.</summary>
public class PackagingTests
{
    [Fact]
    public void Packed_tool_installs_from_a_local_folder_and_runs_doctor_and_demo()
    {
        var root = Path.Combine(Path.GetTempPath(), "wf-pack-" + Guid.NewGuid().ToString("N"));
        var packages = Path.Combine(root, "packages");
        var tools = Path.Combine(root, "tools");
        var work = Path.Combine(root, "work");
        Directory.CreateDirectory(work);
        try
        {
            var pack = Run("dotnet", ["pack", Path.Combine(RepoPaths.Root, "src", "WeightFarcast.Cli"), "-c", "Release", "-o", packages], RepoPaths.Root, root);
            Assert.True(pack.Code == 0, pack.Output);
            var ridPackage = new FileInfo(Path.Combine(packages, "WeightFarcast.linux-x64.0.1.0.nupkg"));
            Assert.True(ridPackage.Exists, pack.Output);
            Assert.True(File.Exists(Path.Combine(packages, "WeightFarcast.0.1.0.nupkg")), "the RID pointer package");
            Assert.InRange(ridPackage.Length, 50_000_000, 200_000_000); // libtorch CPU inside, far under nuget.org's 250 MB

            var install = Run("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", packages, "WeightFarcast"], work, root);
            Assert.True(install.Code == 0, install.Output);
            var tool = Path.Combine(tools, "weightfarcast");
            var installed = Directory.GetFiles(Path.Combine(tools, ".store"), "*.so", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
            Assert.Contains("libtorch_cpu.so", installed);
            Assert.DoesNotContain("libtorch_python.so", installed);

            var doctor = Run(tool, ["doctor"], work, root);
            Assert.True(doctor.Code == 0, doctor.Output);
            Assert.Contains("torch works.", doctor.Output, StringComparison.Ordinal);

            var demo = Run(tool, ["demo"], work, root);
            Assert.True(demo.Code == 0, demo.Output);
            Assert.Contains("| 600 |", demo.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(work, "weightfarcast-demo", "out", "report.json")));
            // Nothing was written next to the installed tool: the compatibility copy lives in the cache.
            Assert.Empty(Directory.GetFiles(Path.Combine(tools, ".store"), "*.tmp", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    private static (int Code, string Output) Run(string file, string[] args, string workingDirectory, string root)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(root, "cache");   // a first run on a clean machine
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var variable in new[] { "GITHUB_ACTIONS", "TF_BUILD", "MLFLOW_TRACKING_URI" })
            start.Environment.Remove(variable);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} {string.Join(' ', args)} timed out");
        }
        return (process.ExitCode, $"$ {file} {string.Join(' ', args)}\n{output.Result}\n{error.Result}");
    }
}
