using TorchSharp;
using static TorchSharp.torch;

namespace WeightFarcast.TorchRuntime.Optimizers;

/// <summary>
/// Adam exactly as torch.optim.Adam with its defaults (no amsgrad, decoupled=false): m = b1 m + (1-b1) g,
/// v = b2 v + (1-b2) g², p -= lr/(1-b1^t) · m / (sqrt(v)/sqrt(1-b2^t) + eps); weight decay adds wd·p to g.
/// Written out because TorchSharp's own Adam passes temporary scalars that the GC may free mid-call.
/// </summary>
public sealed class StableAdam : IStableOptimizer
{
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;
    private readonly KeptScalars _scalars = new();
    private readonly double _learningRate, _beta1, _beta2, _eps, _weightDecay;
    private long _step;

    public StableAdam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
    {
        _parameters = parameters.ToList();
        (_learningRate, _beta1, _beta2, _eps, _weightDecay) = (learningRate, beta1, beta2, eps, weightDecay);
        _expAvg = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _expAvgSq = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
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
        _step++;
        var biasCorrection1 = 1 - Math.Pow(_beta1, _step);
        var biasCorrection2 = 1 - Math.Pow(_beta2, _step);
        using var stepSize = (-_learningRate / biasCorrection1).ToScalar();
        using var sqrtCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        for (var i = 0; i < _parameters.Count; i++)
        {
            var p = _parameters[i];
            var grad = p.grad;
            if (grad is null)
                continue;
            if (_weightDecay != 0)
                grad = grad.add(p, _scalars[_weightDecay]);
            _expAvg[i].mul_(_scalars[_beta1]).add_(grad, _scalars[1 - _beta1]);
            _expAvgSq[i].mul_(_scalars[_beta2]).addcmul_(grad, grad, _scalars[1 - _beta2]);
            var denominator = _expAvgSq[i].sqrt().div_(sqrtCorrection2).add_(_scalars[_eps], _scalars.One);
            p.addcdiv_(_expAvg[i], denominator, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var t in _expAvg.Concat(_expAvgSq))
            t.Dispose();
        _scalars.Dispose();
    }
}
