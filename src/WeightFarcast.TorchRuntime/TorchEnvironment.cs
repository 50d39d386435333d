using TorchSharp;

namespace WeightFarcast.TorchRuntime;

/// <summary>The one place that brings torch up: bootstrap first, then TorchSharp, never the other way round.</summary>
public static class TorchEnvironment
{
    private static readonly Lock Gate = new();
    private static bool s_loaded;

    /// <summary>Loads torch for CPU use, or throws <see cref="TorchUnavailableException"/> with a remedy.</summary>
    public static NativeBootstrapReport EnsureLoaded()
    {
        var report = NativeBootstrap.Initialize();
        lock (Gate)
        {
            if (s_loaded)
                return report;
            if (report.Failure is not null)
                throw new TorchUnavailableException(report.Failure + " Run `weightfarcast doctor` for details.");
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or InvalidOperationException)
            {
                throw new TorchUnavailableException($"TorchSharp failed to initialise libtorch: {FirstLine(e)}. Run `weightfarcast doctor` for details.", e);
            }
            s_loaded = true;
            return report;
        }
    }

    /// <summary>Resolves `auto | cpu | cuda | cuda:N` to a device that exists here.</summary>
    public static torch.Device SelectDevice(string? spec)
    {
        EnsureLoaded();
        var parsed = DeviceSpec.Parse(spec);
        if (parsed.Kind == DeviceKind.Cpu)
            return torch.CPU;
        var cudaCount = CudaDeviceCount();
        if (parsed.Kind == DeviceKind.Auto)
            return cudaCount > 0 ? torch.CUDA : torch.CPU;
        if (cudaCount == 0)
            throw new TorchUnavailableException($"device '{spec}' was requested but no CUDA device is available (this build ships CPU libtorch; set {NativeBootstrap.ExternalLibTorchVariable} to a CUDA libtorch 2.10).");
        var index = parsed.Index ?? 0;
        if (index >= cudaCount)
            throw new TorchUnavailableException($"device '{spec}' was requested but only {cudaCount} CUDA device(s) exist.");
        return new torch.Device(DeviceType.CUDA, index);
    }

    public static IReadOnlyList<string> AvailableDevices()
    {
        EnsureLoaded();
        var devices = new List<string> { "cpu" };
        for (var i = 0; i < CudaDeviceCount(); i++)
            devices.Add($"cuda:{i}");
        return devices;
    }

    private static int CudaDeviceCount()
    {
        try
        {
            return torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or DllNotFoundException)
        {
            return 0;
        }
    }

    private static string FirstLine(Exception e) => e.Message.Split('\n', 2)[0].Trim();
}
