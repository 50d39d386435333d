namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>
/// The paper's least-squares trajectories (method.md section 6), mirroring the authors' seeding structure with
/// <see cref="SeededRandom"/> in place of numpy: the sample stream (seed = sample index) draws w*_i ~ N(0, I_d) for
/// every run; run i's own stream (seed = i, the same in every sample, as in the authors' code) draws
/// X_i (100 × d) ~ N(0, I), then w_0 ~ U(0,1)^d, then SGD's row choices. y = X w* (no noise); gradient
/// XᵀX w − Xᵀy as a sum over the rows used. GD: eta = 0.01 / λmax(XᵀX). SGD: 8 distinct random rows, eta = 0.001.
/// </summary>
public static class LeastSquaresGenerator
{
    public const int DataRows = 100;
    public const int SgdBatchRows = 8;
    public const double SgdLearningRate = 0.001;
    public const double GdStepFraction = 0.01;

    public static WeightTrajectories Generate(int dimension, SyntheticOptimizer optimizer, int sampleSeed, int runs = 200, int steps = 200)
    {
        if (optimizer == SyntheticOptimizer.Adam)
            throw new ArgumentException("least squares is generated with GD or SGD", nameof(optimizer));
        var trajectories = new WeightTrajectories(runs, steps + 1, dimension);
        var sample = new SeededRandom((ulong)sampleSeed);
        var optima = new double[runs][];
        for (var i = 0; i < runs; i++)
            optima[i] = Enumerable.Range(0, dimension).Select(_ => sample.NextGaussian()).ToArray();
        for (var i = 0; i < runs; i++)
            GenerateRun(trajectories, i, optima[i], optimizer, steps);
        return trajectories;
    }

    private static void GenerateRun(WeightTrajectories output, int run, double[] optimum, SyntheticOptimizer optimizer, int steps)
    {
        var d = optimum.Length;
        var random = new SeededRandom((ulong)run);
        var x = new double[DataRows, d];
        for (var r = 0; r < DataRows; r++)
            for (var c = 0; c < d; c++)
                x[r, c] = random.NextGaussian();
        var y = new double[DataRows];
        for (var r = 0; r < DataRows; r++)
            for (var c = 0; c < d; c++)
                y[r] += x[r, c] * optimum[c];
        var w = Enumerable.Range(0, d).Select(_ => random.NextDouble()).ToArray();
        var rate = optimizer == SyntheticOptimizer.GradientDescent
            ? GdStepFraction / SymmetricEigen.LargestEigenvalue(Gram(x, Enumerable.Range(0, DataRows).ToArray()))
            : SgdLearningRate;
        var allRows = Enumerable.Range(0, DataRows).ToArray();
        var gradient = new double[d];
        output.Store(run, 0, w);
        for (var step = 1; step <= steps; step++)
        {
            var rows = optimizer == SyntheticOptimizer.GradientDescent ? allRows : random.Permutation(DataRows)[..SgdBatchRows];
            Gradient(x, y, w, rows, gradient);
            for (var c = 0; c < d; c++)
                w[c] -= rate * gradient[c];
            output.Store(run, step, w);
        }
    }

    /// <summary>Σ_r x_r (x_r·w − y_r) over the given rows = XᵀX w − Xᵀy.</summary>
    private static void Gradient(double[,] x, double[] y, double[] w, int[] rows, double[] gradient)
    {
        Array.Clear(gradient);
        var d = w.Length;
        foreach (var r in rows)
        {
            var residual = -y[r];
            for (var c = 0; c < d; c++)
                residual += x[r, c] * w[c];
            for (var c = 0; c < d; c++)
                gradient[c] += x[r, c] * residual;
        }
    }

    private static double[,] Gram(double[,] x, int[] rows)
    {
        var d = x.GetLength(1);
        var gram = new double[d, d];
        foreach (var r in rows)
            for (var p = 0; p < d; p++)
                for (var q = 0; q < d; q++)
                    gram[p, q] += x[r, p] * x[r, q];
        return gram;
    }
}
