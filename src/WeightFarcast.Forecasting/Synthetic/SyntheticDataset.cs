namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>The paper's six synthetic trajectory families.</summary>
public enum SyntheticDataset
{
    LeastSquares1dGd,
    LeastSquares1dSgd,
    LeastSquares3dGd,
    LeastSquares3dSgd,
    Mlp1dSgd,
    Mlp1dAdam,
}
