namespace WeightFarcast.TorchRuntime.Optimizers;

/// <summary>An optimizer whose every libtorch call gets a kept-alive scalar (see <see cref="KeptScalars"/>).</summary>
public interface IStableOptimizer : IDisposable
{
    void ZeroGrad();

    void Step();
}
