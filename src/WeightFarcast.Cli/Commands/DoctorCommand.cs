using System.CommandLine;
using System.Runtime.InteropServices;
using TorchSharp;
using WeightFarcast.TorchRuntime;

namespace WeightFarcast.Cli.Commands;

/// <summary>`doctor`: what this machine offers the tool, and whether torch works here.</summary>
internal static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("doctor", "Check this machine: OS, .NET, libstdc++, TorchSharp/libtorch, the compatibility patch, devices, threads. Exit 0 when torch works, 7 otherwise.");
        command.SetAction(_ => (int)Run(context));
        return command;
    }

    private static ExitCode Run(CliContext context)
    {
        var output = context.Out;
        var report = NativeBootstrap.Initialize();
        void Line(string key, string? value) => output.WriteLine($"{key,-22} {value ?? "-"}");

        Line("weightfarcast", Job.ToolInfo.Version);
        Line("os", $"{OsName()} ({RuntimeInformation.OSArchitecture})");
        Line(".net runtime", RuntimeInformation.FrameworkDescription);
        Line("libstdc++", report.LibStdCxx.Path);
        Line("glibcxx level", report.LibStdCxx.Highest);
        Line("torchsharp", typeof(torch).Assembly.GetName().Version?.ToString());
        Line("libtorch folder", report.LibTorchDirectory + (report.UsesExternalLibTorch ? $" (from {NativeBootstrap.ExternalLibTorchVariable})" : ""));
        Line("compat patch", report.PatchNeeded
            ? (report.PatchApplied ? $"needed ({NativeBootstrap.RequiredGlibcxx} missing), applied: {report.RedirectedLibTorchSharp}" : "needed, NOT applied")
            : $"not needed ({NativeBootstrap.RequiredGlibcxx} present or not required)");

        try
        {
            TorchEnvironment.EnsureLoaded();
            Line("libtorch", torch.__version__);
            Line("devices", string.Join(", ", TorchEnvironment.AvailableDevices()));
            Line("threads", torch.get_num_threads().ToString(System.Globalization.CultureInfo.InvariantCulture));
            using (torch.NewDisposeScope())
            {
                var check = torch.ones(4, 4).matmul(torch.ones(4, 4)).sum().item<float>();
                Line("torch check", check == 64f ? "ok (matmul on cpu)" : $"WRONG RESULT {check}");
                if (check != 64f)
                    return ExitCode.TorchUnavailable;
            }
            output.WriteLine("torch works.");
            return ExitCode.Success;
        }
        catch (TorchUnavailableException e)
        {
            Line("torch", "NOT WORKING");
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCode.TorchUnavailable;
        }
    }

    private static string OsName()
    {
        const string osRelease = "/etc/os-release";
        if (File.Exists(osRelease))
        {
            var pretty = File.ReadLines(osRelease).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (pretty is not null)
                return pretty["PRETTY_NAME=".Length..].Trim('"');
        }
        return RuntimeInformation.OSDescription;
    }
}
