using TorchSharp;
using static TorchSharp.torch;

namespace WeightFarcast.TorchRuntime.Optimizers;

/// <summary>SGD with momentum exactly as torch.optim.SGD (dampening 0, no Nesterov): b = μ b + g (b = g at the first
/// step), p -= lr · b; weight decay adds wd·p to g. Kept-alive scalars as in <see cref="StableAdam"/>.</summary>
public sealed class StableSgd : StableOptimizer
{
    private readonly Tensor?[] _momentumBuffers;
    private readonly double _momentum, _weightDecay;

    public StableSgd(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate, double momentum = 0, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        (_momentum, _weightDecay) = (momentum, weightDecay);
        _momentumBuffers = new Tensor?[Parameters.Count];
    }

    protected override void Update()
    {
        using var negativeRate = (-LearningRate).ToScalar();
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            var grad = p.grad;
            if (grad is null)
                continue;
            if (_weightDecay != 0)
                grad = grad.add(p, Scalars[_weightDecay]);
            if (_momentum != 0)
            {
                if (_momentumBuffers[i] is { } buffer)
                    buffer.mul_(Scalars[_momentum]).add_(grad, Scalars.One);
                else
                    _momentumBuffers[i] = grad.clone().DetachFromDisposeScope();
                grad = _momentumBuffers[i]!;
            }
            p.add_(grad, negativeRate);
        }
    }

    protected override void DisposeState()
    {
        foreach (var buffer in _momentumBuffers)
            buffer?.Dispose();
    }
}
