using TorchSharp;
using static TorchSharp.torch;

namespace WeightFarcast.TorchRuntime.Optimizers;

/// <summary>
/// Adam exactly as torch.optim.Adam (no amsgrad): m = b1 m + (1-b1) g, v = b2 v + (1-b2) g²,
/// p -= lr/(1-b1^t) · m / (sqrt(v)/sqrt(1-b2^t) + eps). Weight decay is coupled (g += wd·p, torch.optim.Adam) or,
/// with <c>decoupledWeightDecay</c>, applied first as p *= 1 - lr·wd (torch.optim.AdamW).
/// Written out because TorchSharp's own Adam passes temporary scalars that the GC may free mid-call.
/// </summary>
public sealed class StableAdam : StableOptimizer
{
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;
    private readonly double _beta1, _beta2, _eps, _weightDecay;
    private readonly bool _decoupledWeightDecay;
    private long _step;

    public StableAdam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool decoupledWeightDecay = false)
        : base(parameters, learningRate)
    {
        (_beta1, _beta2, _eps, _weightDecay, _decoupledWeightDecay) = (beta1, beta2, eps, weightDecay, decoupledWeightDecay);
        _expAvg = Parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _expAvgSq = Parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>torch.optim.AdamW's defaults.</summary>
    public static StableAdam AdamW(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate, double weightDecay = 0.01) =>
        new(parameters, learningRate, weightDecay: weightDecay, decoupledWeightDecay: true);

    protected override void Update()
    {
        _step++;
        var biasCorrection1 = 1 - Math.Pow(_beta1, _step);
        var biasCorrection2 = 1 - Math.Pow(_beta2, _step);
        // These change with the step (and with the rate under a schedule), so they are owned per step, not kept.
        using var decayFactor = (1 - LearningRate * _weightDecay).ToScalar();
        using var stepSize = (-LearningRate / biasCorrection1).ToScalar();
        using var sqrtCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            var grad = p.grad;
            if (grad is null)
                continue;
            if (_weightDecay != 0 && _decoupledWeightDecay)
                p.mul_(decayFactor);
            else if (_weightDecay != 0)
                grad = grad.add(p, Scalars[_weightDecay]);
            _expAvg[i].mul_(Scalars[_beta1]).add_(grad, Scalars[1 - _beta1]);
            _expAvgSq[i].mul_(Scalars[_beta2]).addcmul_(grad, grad, Scalars[1 - _beta2]);
            var denominator = _expAvgSq[i].sqrt().div_(sqrtCorrection2).add_(Scalars[_eps], Scalars.One);
            p.addcdiv_(_expAvg[i], denominator, stepSize);
        }
    }

    protected override void DisposeState()
    {
        foreach (var t in _expAvg.Concat(_expAvgSq))
            t.Dispose();
    }
}
