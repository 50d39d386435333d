namespace WeightFarcast.TorchRuntime.Optimizers;

/// <summary>An optimizer whose every libtorch call gets a kept-alive scalar (see <see cref="KeptScalars"/>).</summary>
public interface IStableOptimizer : IDisposable
{
    /// <summary>The rate the next <see cref="Step"/> uses; a learning-rate schedule changes it between steps.</summary>
    double LearningRate { get; set; }

    void ZeroGrad();

    void Step();
}
