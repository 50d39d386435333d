using TorchSharp;
using WeightFarcast.TorchRuntime.Elf;
using static TorchSharp.torch;

namespace WeightFarcast.TorchRuntime.Tests;

public class TorchLoadingTests
{
    [Fact]
    public void Libstdcxx_probe_reads_the_versions_of_the_loaded_runtime()
    {
        var info = LibStdCxxProbe.Probe();
        Assert.NotNull(info.Path);
        Assert.Contains("GLIBCXX_3.4.26", info.GlibcxxVersions); // libtorch's own floor; every supported distro has it
        Assert.StartsWith("GLIBCXX_3.4.", info.Highest);
    }

    [Fact]
    public void Bootstrap_patches_only_where_the_runtime_lacks_the_version()
    {
        var report = TorchEnvironment.EnsureLoaded();

        Assert.Null(report.Failure);
        var lacks = !report.LibStdCxx.Provides(NativeBootstrap.RequiredGlibcxx);
        Assert.Equal(lacks, report.PatchNeeded);
        Assert.Equal(lacks, report.PatchApplied);
        if (lacks)
        {
            var original = File.ReadAllBytes(report.LibTorchSharpPath!);
            var patched = File.ReadAllBytes(report.RedirectedLibTorchSharp!);
            Assert.True(WeakVersionPatch.IsExactPatchOf(original, patched, "copy", NativeBootstrap.RequiredGlibcxx));
            // The patched copy sits beside links to the very same libtorch files, so nothing loads twice.
            var neighbour = new FileInfo(Path.Combine(Path.GetDirectoryName(report.RedirectedLibTorchSharp!)!, "libtorch_cpu.so"));
            Assert.Equal(Path.Combine(report.LibTorchDirectory!, "libtorch_cpu.so"), neighbour.LinkTarget);
            Assert.DoesNotContain(Path.GetFullPath(report.LibTorchDirectory!), report.RedirectedLibTorchSharp);
        }
        else
        {
            Assert.Null(report.RedirectedLibTorchSharp);
        }
    }

    [Fact]
    public void Torch_trains_a_small_linear_model()
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        manual_seed(0);
        var x = randn(256, 3);
        var trueWeights = tensor(new float[] { 1.5f, -2f, 0.5f }).reshape(3, 1);
        var y = x.matmul(trueWeights) + 0.25f;
        var model = nn.Linear(3, 1);
        using var optimizer = new WeightFarcast.TorchRuntime.Optimizers.StableAdam(model.parameters(), 0.05);
        float first = 0, last = 0;
        for (var step = 0; step < 300; step++)
        {
            optimizer.ZeroGrad();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.Step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < first / 100, $"loss went from {first} to {last}");
        Assert.Equal(0.25f, model.bias!.item<float>(), 2);
    }

    [Theory]
    [InlineData("auto", DeviceKind.Auto, null)]
    [InlineData("cpu", DeviceKind.Cpu, null)]
    [InlineData("CUDA", DeviceKind.Cuda, null)]
    [InlineData("cuda:1", DeviceKind.Cuda, 1)]
    public void Device_specs_parse(string text, DeviceKind kind, int? index)
    {
        Assert.Equal(new DeviceSpec(kind, index), DeviceSpec.Parse(text));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    public void Bad_device_specs_are_refused(string text) => Assert.False(DeviceSpec.TryParse(text, out _));

    [Fact]
    public void Cpu_is_always_available_and_cuda_is_refused_without_a_gpu()
    {
        var devices = TorchEnvironment.AvailableDevices();
        Assert.Equal("cpu", devices[0]);
        Assert.Equal(DeviceType.CPU, TorchEnvironment.SelectDevice("cpu").type);
        if (devices.Count == 1)
            Assert.Throws<TorchUnavailableException>(() => TorchEnvironment.SelectDevice("cuda:0"));
    }
}
