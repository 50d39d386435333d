namespace WeightFarcast.TorchRuntime.Optimizers;

/// <summary>An optimizer whose learning rate may be changed between steps, which a learning-rate schedule needs.</summary>
public interface IAdjustableLearningRate
{
    /// <summary>The rate the next <see cref="IStableOptimizer.Step"/> uses.</summary>
    double LearningRate { get; set; }
}
