namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>How each synthetic family is generated and which fitting settings the authors used for it (method.md 5-6).</summary>
public static class PaperDatasets
{
    public static IReadOnlyList<SyntheticDataset> All { get; } = Enum.GetValues<SyntheticDataset>();

    /// <summary>200 runs × 201 snapshots of the family; <paramref name="sample"/> (1..5) seeds the sample stream.</summary>
    public static WeightTrajectories Generate(SyntheticDataset dataset, int sample, int runs = 200, int steps = 200) => dataset switch
    {
        SyntheticDataset.LeastSquares1dGd => LeastSquaresGenerator.Generate(1, SyntheticOptimizer.GradientDescent, sample, runs, steps),
        SyntheticDataset.LeastSquares1dSgd => LeastSquaresGenerator.Generate(1, SyntheticOptimizer.Sgd, sample, runs, steps),
        SyntheticDataset.LeastSquares3dGd => LeastSquaresGenerator.Generate(3, SyntheticOptimizer.GradientDescent, sample, runs, steps),
        SyntheticDataset.LeastSquares3dSgd => LeastSquaresGenerator.Generate(3, SyntheticOptimizer.Sgd, sample, runs, steps),
        SyntheticDataset.Mlp1dSgd => MlpGenerator.Generate(SyntheticOptimizer.Sgd, sample, runs, steps),
        SyntheticDataset.Mlp1dAdam => MlpGenerator.Generate(SyntheticOptimizer.Adam, sample, runs, steps),
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, null),
    };

    /// <summary>
    /// The authors' learning rates: 0.004 LS-3d GD, 0.006 LS-3d SGD, 0.0055 NN SGD, 0.004 NN Adam. They give none for
    /// the 1-d least-squares sets; those use their 3-d counterpart's rate.
    /// </summary>
    public static double LearningRate(SyntheticDataset dataset) => dataset switch
    {
        SyntheticDataset.LeastSquares1dGd or SyntheticDataset.LeastSquares3dGd => 0.004,
        SyntheticDataset.LeastSquares1dSgd or SyntheticDataset.LeastSquares3dSgd => 0.006,
        SyntheticDataset.Mlp1dSgd => 0.0055,
        SyntheticDataset.Mlp1dAdam => 0.004,
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, null),
    };

    /// <summary>The paper's lambda: 1e-4 on LS-3d GD, 1e-6 elsewhere.</summary>
    public static double Lambda(SyntheticDataset dataset) =>
        dataset == SyntheticDataset.LeastSquares3dGd ? 1e-4 : StepRegularizer.PaperLambda;

    public static string Label(SyntheticDataset dataset) => dataset switch
    {
        SyntheticDataset.LeastSquares1dGd => "LS-1d-GD",
        SyntheticDataset.LeastSquares1dSgd => "LS-1d-SGD",
        SyntheticDataset.LeastSquares3dGd => "LS-3d-GD",
        SyntheticDataset.LeastSquares3dSgd => "LS-3d-SGD",
        SyntheticDataset.Mlp1dSgd => "NN-1d-SGD",
        SyntheticDataset.Mlp1dAdam => "NN-1d-Adam",
        _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset, null),
    };
}
