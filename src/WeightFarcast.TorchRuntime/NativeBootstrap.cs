using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using WeightFarcast.TorchRuntime.Elf;

namespace WeightFarcast.TorchRuntime;

/// <summary>
/// Runs before anything touches <c>torch</c>: finds the TorchSharp natives, and where the system libstdc++
/// lacks GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04) points TorchSharp at a copy of libLibTorchSharp.so whose
/// one requirement of that version is marked weak. The copy lives in a cache folder beside symlinks to the
/// libtorch natives it links, so every library still resolves to one inode and nothing loads twice.
/// On systems that have the version nothing is changed.
/// </summary>
public static class NativeBootstrap
{
    public const string RequiredGlibcxx = "GLIBCXX_3.4.32";
    public const string LibTorchSharpFile = "libLibTorchSharp.so";
    public const string ExternalLibTorchVariable = "WEIGHTFARCAST_LIBTORCH";
    public const string CacheDirectoryVariable = "WEIGHTFARCAST_CACHE_DIR";

    private static readonly Lock Gate = new();
    private static NativeBootstrapReport? s_report;
    private static string? s_redirectedLibTorchSharp;
    private static bool s_resolverRegistered;

    public static NativeBootstrapReport Initialize()
    {
        lock (Gate)
        {
            return s_report ??= Run();
        }
    }

    private static NativeBootstrapReport Run()
    {
        var libStdCxx = OperatingSystem.IsLinux() ? LibStdCxxProbe.Probe() : new LibStdCxxInfo(null, []);
        if (!OperatingSystem.IsLinux())
        {
            // Outside Linux TorchSharp's own loader is trusted as is.
            return new NativeBootstrapReport
            {
                LibTorchDirectory = null, LibTorchSharpPath = null, LibStdCxx = libStdCxx,
                PatchNeeded = false, PatchApplied = false,
            };
        }

        var searched = NativeSearchDirectories().ToList();
        var libTorchSharp = searched.Select(d => Path.Combine(d, LibTorchSharpFile)).FirstOrDefault(File.Exists);
        var external = Environment.GetEnvironmentVariable(ExternalLibTorchVariable);
        var libTorchDir = searched.FirstOrDefault(d => File.Exists(Path.Combine(d, "libtorch_cpu.so")));

        var report = new NativeBootstrapReport
        {
            LibTorchDirectory = libTorchDir, LibTorchSharpPath = libTorchSharp, LibStdCxx = libStdCxx,
            PatchNeeded = false, PatchApplied = false, UsesExternalLibTorch = !string.IsNullOrWhiteSpace(external),
        };
        if (report.UsesExternalLibTorch)
        {
            // TorchSharp 0.107's torch static constructor loads "torch_cpu" by name before any resolver runs, and CoreCLR
            // finds the bundled copy; a second libtorch in the process aborts ("Tried to register multiple backend
            // fallbacks"). Refuse plainly instead of crashing.
            return report with
            {
                Failure = $"{ExternalLibTorchVariable} is set, but this build cannot use an external libtorch: TorchSharp 0.107 always loads the libtorch bundled with the tool. Unset {ExternalLibTorchVariable}; GPU needs a build of the tool against TorchSharp's CUDA packages.",
            };
        }
        if (libTorchSharp is null)
            return report with { Failure = $"{LibTorchSharpFile} was not found next to the tool (looked in: {string.Join(", ", searched)}). Reinstall the tool: dotnet tool update -g WeightFarcast." };
        if (libTorchDir is null || !File.Exists(Path.Combine(libTorchDir, "libtorch_cpu.so")))
        {
            return report with { Failure = $"libtorch_cpu.so was not found next to the tool (looked in: {string.Join(", ", searched)}). Reinstall the tool." };
        }

        var original = File.ReadAllBytes(libTorchSharp);
        var need = ElfVersionNeeds.Read(ElfImage.Parse(original, libTorchSharp)).FirstOrDefault(n => n.Name == RequiredGlibcxx);
        var patchNeeded = need is { IsWeak: false } && !libStdCxx.Provides(RequiredGlibcxx);
        report = report with { PatchNeeded = patchNeeded };

        string loadPath = libTorchSharp;
        if (patchNeeded)
        {
            try
            {
                loadPath = Consolidate(original, libTorchSharp, libTorchDir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ElfFormatException)
            {
                return report with { Failure = $"Could not prepare the libtorch compatibility copy in {CacheRoot()}: {e.Message}. Set {CacheDirectoryVariable} to a writable folder." };
            }
            report = report with { PatchApplied = true, RedirectedLibTorchSharp = loadPath };
            RegisterResolver(loadPath);
        }

        // Load now, so a failure is reported here in plain words instead of from torch's static constructor.
        try
        {
            NativeLibrary.Load(loadPath);
        }
        catch (DllNotFoundException e)
        {
            return report with { Failure = $"The TorchSharp natives failed to load: {e.Message}" };
        }
        return report;
    }

    /// <summary>The folder the patched copy and its neighbours live in: one per distinct set of natives.</summary>
    private static string Consolidate(byte[] original, string libTorchSharp, string libTorchDir)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{libTorchDir}|{libTorchSharp}|{original.Length}|{File.GetLastWriteTimeUtc(libTorchSharp).Ticks}")))[..16];
        var folder = Path.Combine(CacheRoot(), "native", key);
        Directory.CreateDirectory(folder);

        foreach (var file in Directory.EnumerateFiles(libTorchDir).Where(IsSharedObject))
        {
            var name = Path.GetFileName(file);
            if (name != LibTorchSharpFile)
                EnsureSymlink(Path.Combine(folder, name), file);
        }

        var target = Path.Combine(folder, LibTorchSharpFile);
        if (File.Exists(target) && WeakVersionPatch.IsExactPatchOf(original, File.ReadAllBytes(target), target, RequiredGlibcxx))
            return target;

        var patched = WeakVersionPatch.Apply(original, libTorchSharp, RequiredGlibcxx)
            ?? throw new IOException($"{libTorchSharp} has no strong {RequiredGlibcxx} requirement to patch");
        if (!WeakVersionPatch.IsExactPatchOf(original, patched, libTorchSharp, RequiredGlibcxx))
            throw new IOException("the patched copy differs from the original in more than the one version flag");
        var temp = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, patched);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.Move(temp, target, overwrite: true); // atomic: a concurrent process sees the old file or the whole new one
        return target;
    }

    private static void EnsureSymlink(string link, string target)
    {
        var info = new FileInfo(link);
        if (info.LinkTarget == target && File.Exists(target))
            return;
        var temp = $"{link}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.CreateSymbolicLink(temp, target);
        File.Move(temp, link, overwrite: true);
    }

    private static bool IsSharedObject(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".so", StringComparison.Ordinal) || name.Contains(".so.", StringComparison.Ordinal);
    }

    private static void RegisterResolver(string libTorchSharpPath)
    {
        s_redirectedLibTorchSharp = libTorchSharpPath;
        if (s_resolverRegistered)
            return;
        // Registered on TorchSharp's assembly through a type that does not run torch's static constructor.
        NativeLibrary.SetDllImportResolver(typeof(TorchSharp.DeviceType).Assembly, Resolve);
        s_resolverRegistered = true;
    }

    // Every library TorchSharp asks for by name (LibTorchSharp, torch_cpu, torch_cuda, ...) comes from the consolidated
    // folder when one is in use: default probing would find the tool's own copies and load libtorch a second time.
    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (s_redirectedLibTorchSharp is not { } redirected)
            return IntPtr.Zero;
        var folder = Path.GetDirectoryName(redirected)!;
        foreach (var candidate in new[] { name, $"lib{name}.so", $"{name}.so" })
        {
            var path = Path.Combine(folder, candidate);
            if (Path.GetFileName(path) == candidate && File.Exists(path))
                return NativeLibrary.Load(path);
        }
        return IntPtr.Zero; // not a libtorch library: default probing
    }

    public static string CacheRoot()
    {
        var configured = Environment.GetEnvironmentVariable(CacheDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "weightfarcast");
    }

    private static IEnumerable<string> NativeSearchDirectories()
    {
        var roots = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(TorchSharp.DeviceType).Assembly.Location) ?? "" };
        return roots.Where(r => r.Length > 0)
            .SelectMany(r => new[] { r, Path.Combine(r, "runtimes", "linux-x64", "native") })
            .Select(Path.GetFullPath)
            .Distinct()
            .Where(Directory.Exists);
    }
}
