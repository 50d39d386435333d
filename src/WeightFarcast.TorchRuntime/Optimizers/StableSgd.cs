using static TorchSharp.torch;

namespace WeightFarcast.TorchRuntime.Optimizers;

/// <summary>SGD with momentum exactly as torch.optim.SGD (dampening 0, no Nesterov): b = μ b + g (b = g at the first
/// step), p -= lr · b; weight decay adds wd·p to g. Kept-alive scalars as in <see cref="StableAdam"/>.</summary>
public sealed class StableSgd : IStableOptimizer
{
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;
    private readonly Tensor?[] _momentumBuffers;
    private readonly KeptScalars _scalars = new();
    private readonly double _learningRate, _momentum, _weightDecay;

    public StableSgd(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate, double momentum = 0, double weightDecay = 0)
    {
        _parameters = parameters.ToList();
        (_learningRate, _momentum, _weightDecay) = (learningRate, momentum, weightDecay);
        _momentumBuffers = new Tensor?[_parameters.Count];
    }

    public void ZeroGrad()
    {
        foreach (var p in _parameters)
            p.grad?.zero_();
    }

    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (var i = 0; i < _parameters.Count; i++)
        {
            var p = _parameters[i];
            var grad = p.grad;
            if (grad is null)
                continue;
            if (_weightDecay != 0)
                grad = grad.add(p, _scalars[_weightDecay]);
            if (_momentum != 0)
            {
                if (_momentumBuffers[i] is { } buffer)
                    buffer.mul_(_scalars[_momentum]).add_(grad, _scalars.One);
                else
                    _momentumBuffers[i] = grad.clone().DetachFromDisposeScope();
                grad = _momentumBuffers[i]!;
            }
            p.add_(grad, _scalars[-_learningRate]);
        }
    }

    public void Dispose()
    {
        foreach (var buffer in _momentumBuffers)
            buffer?.Dispose();
        _scalars.Dispose();
    }
}
