using WeightFarcast.TorchRuntime.Optimizers;
using TorchSharp;
using TorchSharp.Modules;

namespace WeightFarcast.Training;

public enum OptimizerKind
{
    Adam,
    SgdMomentum,

    /// <summary>Adam with decoupled weight decay (torch.optim.AdamW); the only kind a learning-rate schedule can drive.</summary>
    AdamW,
}

/// <summary>Which optimizer a run uses and its hyper-parameters.</summary>
public sealed record OptimizerSettings(OptimizerKind Kind, double LearningRate, double Momentum = 0, double WeightDecay = 0)
{
    /// <summary>Adam, lr 1e-3 by default: what the fixture trajectories were trained with.</summary>
    public static OptimizerSettings Adam(double learningRate = 1e-3, double weightDecay = 0) =>
        new(OptimizerKind.Adam, learningRate, 0, weightDecay);

    /// <summary>SGD with (heavy-ball) momentum; lr 0.05 and momentum 0.9 train the digits MLP well in a few hundred steps.</summary>
    public static OptimizerSettings SgdMomentum(double learningRate = 0.05, double momentum = 0.9, double weightDecay = 0) =>
        new(OptimizerKind.SgdMomentum, learningRate, momentum, weightDecay);

    /// <summary>AdamW (decoupled weight decay on every parameter, as torch.optim.AdamW's single group does).</summary>
    public static OptimizerSettings AdamW(double learningRate = 3e-3, double weightDecay = 0.01) =>
        new(OptimizerKind.AdamW, learningRate, 0, weightDecay);

    internal void Validate()
    {
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "learning rate must be a positive finite number");
        if (!(Momentum >= 0 && Momentum < 1))
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "momentum must be in [0, 1)");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "weight decay must be a non-negative finite number");
    }

    internal IStableOptimizer Create(IEnumerable<Parameter> parameters) => Kind switch
    {
        OptimizerKind.Adam => new StableAdam(parameters, LearningRate, weightDecay: WeightDecay),
        OptimizerKind.SgdMomentum => new StableSgd(parameters, LearningRate, Momentum, WeightDecay),
        OptimizerKind.AdamW => StableAdam.AdamW(parameters, LearningRate, WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };
}
