namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>The optimiser that produced a synthetic trajectory.</summary>
public enum SyntheticOptimizer
{
    /// <summary>Full-batch gradient descent.</summary>
    GradientDescent,

    /// <summary>Mini-batch stochastic gradient descent.</summary>
    Sgd,

    /// <summary>Adam (PyTorch defaults).</summary>
    Adam,
}
