using TorchSharp;
using static TorchSharp.torch;

namespace WeightFarcast.TorchRuntime.Optimizers;

/// <summary>
/// AdamW exactly as torch.optim.AdamW with its defaults (no amsgrad): first p *= 1 - lr·wd (decoupled weight
/// decay, applied to every parameter), then the Adam update of <see cref="StableAdam"/> with the raw gradient.
/// The learning rate can change between steps (for schedules); kept-alive scalars as in <see cref="StableAdam"/>.
/// </summary>
public sealed class StableAdamW : IStableOptimizer, IAdjustableLearningRate
{
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _parameters;
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;
    private readonly KeptScalars _scalars = new();
    private readonly double _beta1, _beta2, _eps, _weightDecay;
    private double _learningRate;
    private long _step;

    public StableAdamW(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0.01)
    {
        _parameters = parameters.ToList();
        LearningRate = learningRate;
        (_beta1, _beta2, _eps, _weightDecay) = (beta1, beta2, eps, weightDecay);
        _expAvg = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _expAvgSq = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    public double LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "learning rate must be a non-negative finite number");
            _learningRate = value;
        }
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
        // These change with the step (and with the rate under a schedule), so they are owned per step, not kept.
        using var decayFactor = (1 - _learningRate * _weightDecay).ToScalar();
        using var stepSize = (-_learningRate / biasCorrection1).ToScalar();
        using var sqrtCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        for (var i = 0; i < _parameters.Count; i++)
        {
            var p = _parameters[i];
            var grad = p.grad;
            if (grad is null)
                continue;
            if (_weightDecay != 0)
                p.mul_(decayFactor);
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
