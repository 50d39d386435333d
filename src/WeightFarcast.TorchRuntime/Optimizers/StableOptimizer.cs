using static TorchSharp.torch;

namespace WeightFarcast.TorchRuntime.Optimizers;

/// <summary>What every stable optimizer shares: its parameters, kept-alive scalars, an adjustable rate, and a step
/// that runs without autograd inside its own dispose scope.</summary>
public abstract class StableOptimizer : IStableOptimizer
{
    private double _learningRate;

    protected StableOptimizer(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate)
    {
        Parameters = parameters.ToList();
        LearningRate = learningRate;
    }

    protected IReadOnlyList<TorchSharp.Modules.Parameter> Parameters { get; }

    protected KeptScalars Scalars { get; } = new();

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
        foreach (var p in Parameters)
            p.grad?.zero_();
    }

    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Update();
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    protected abstract void Update();

    protected virtual void DisposeState()
    {
    }

    public void Dispose()
    {
        DisposeState();
        Scalars.Dispose();
        GC.SuppressFinalize(this);
    }
}
