using WeightFarcast.Forecasting.Synthetic;

namespace WeightFarcast.Forecasting.Tests.Synthetic;

public class GeneratorTests
{
    [Theory]
    [InlineData(SyntheticDataset.LeastSquares1dGd, 1)]
    [InlineData(SyntheticDataset.LeastSquares3dSgd, 3)]
    [InlineData(SyntheticDataset.Mlp1dAdam, 31)]
    public void Datasets_hold_200_runs_of_201_snapshots(SyntheticDataset dataset, int dimension)
    {
        var trajectories = PaperDatasets.Generate(dataset, 1);
        Assert.Equal((200, 201, dimension), (trajectories.Runs, trajectories.Snapshots, trajectories.Dimension));
        Assert.All(trajectories.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Gradient_descent_moves_steadily_toward_the_optimum()
    {
        // w_t − w* = (I − η XᵀX)^t (w_0 − w*) with η = 0.01/λmax: distances shrink every step and the run
        // converges to the same point as a much longer run.
        var shortRuns = LeastSquaresGenerator.Generate(3, SyntheticOptimizer.GradientDescent, sampleSeed: 2, runs: 5, steps: 200);
        var longRuns = LeastSquaresGenerator.Generate(3, SyntheticOptimizer.GradientDescent, sampleSeed: 2, runs: 5, steps: 20_000);
        for (var run = 0; run < 5; run++)
        {
            double Distance(int step) => Math.Sqrt(Enumerable.Range(0, 3).Sum(c => Math.Pow(shortRuns[run, step, c] - longRuns[run, 20_000, c], 2)));
            for (var step = 1; step <= 200; step++)
                Assert.True(Distance(step) < Distance(step - 1));
            Assert.True(Distance(200) < 0.5 * Distance(0));
            for (var c = 0; c < 3; c++)
                Assert.InRange(shortRuns[run, 0, c], 0, 1); // w_0 ~ U(0,1)
        }
    }

    [Fact]
    public void Samples_share_data_and_start_but_not_the_optimum()
    {
        var sample1 = LeastSquaresGenerator.Generate(1, SyntheticOptimizer.Sgd, 1, runs: 3);
        var sample2 = LeastSquaresGenerator.Generate(1, SyntheticOptimizer.Sgd, 2, runs: 3);
        Assert.Equal(sample1[2, 0, 0], sample2[2, 0, 0]);
        Assert.NotEqual(sample1[2, 200, 0], sample2[2, 200, 0]);
        Assert.Equal(sample1.Values, LeastSquaresGenerator.Generate(1, SyntheticOptimizer.Sgd, 1, runs: 3).Values);
    }

    [Fact]
    public void Mlp_gradient_matches_finite_differences()
    {
        var random = new SeededRandom(5);
        var theta = Enumerable.Range(0, MlpGenerator.ParameterCount).Select(_ => random.NextUniform(-1, 1)).ToArray();
        var x = Enumerable.Range(0, 20).Select(_ => random.NextGaussian()).ToArray();
        var y = x.Select(v => 0.7 * v).ToArray();
        var gradient = new double[theta.Length];
        MlpGenerator.MseGradient(theta, x, y, Enumerable.Range(0, 20).ToArray(), gradient);
        for (var j = 0; j < theta.Length; j++)
        {
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[j] += 1e-6;
            minus[j] -= 1e-6;
            var numeric = (MlpGenerator.Mse(plus, x, y) - MlpGenerator.Mse(minus, x, y)) / 2e-6;
            Assert.Equal(numeric, gradient[j], 5);
        }
    }

    [Fact]
    public void Adam_moves_the_mlp_further_than_sgd_at_the_same_rate()
    {
        static double Travel(WeightTrajectories t) =>
            Enumerable.Range(0, t.Runs).Average(r => Enumerable.Range(0, t.Dimension).Sum(c => Math.Abs(t[r, 200, c] - t[r, 0, c])));
        var adam = MlpGenerator.Generate(SyntheticOptimizer.Adam, 1, runs: 10);
        var sgd = MlpGenerator.Generate(SyntheticOptimizer.Sgd, 1, runs: 10);
        Assert.True(Travel(adam) > 2 * Travel(sgd));
        Assert.All(Enumerable.Range(0, 10), r => Assert.InRange(adam[r, 0, 0], -1, 1)); // W1 ~ U(−1, 1)
    }

    [Fact]
    public void Largest_eigenvalue_of_a_symmetric_matrix()
    {
        // [[2,1,0],[1,2,0],[0,0,1]] has eigenvalues 3, 1, 1.
        Assert.Equal(3.0, SymmetricEigen.LargestEigenvalue(new double[,] { { 2, 1, 0 }, { 1, 2, 0 }, { 0, 0, 1 } }), 10);
        Assert.Equal(4.0, SymmetricEigen.LargestEigenvalue(new double[,] { { 4 } }), 12);
    }

    [Fact]
    public void Seeded_random_is_reproducible_and_roughly_standard_normal()
    {
        var a = new SeededRandom(42);
        var b = new SeededRandom(42);
        var draws = Enumerable.Range(0, 20_000).Select(_ => a.NextGaussian()).ToArray();
        Assert.Equal(draws, Enumerable.Range(0, 20_000).Select(_ => b.NextGaussian()));
        Assert.InRange(draws.Average(), -0.03, 0.03);
        Assert.InRange(draws.Average(v => v * v), 0.95, 1.05);
    }

    [Fact]
    public void One_dimensional_gd_is_exactly_affine_in_w0_and_wn()
    {
        // d = 1: every run contracts by the same factor 1 − 0.01 per step, so w_t is one affine map of (w_0, w_20)
        // for all runs and the least-squares floor is zero up to rounding.
        var trajectories = PaperDatasets.Generate(SyntheticDataset.LeastSquares1dGd, 1);
        var floor = PaperProtocol.TestMse(trajectories, AffineLeastSquaresFloor.Predictor(trajectories));
        Assert.All(floor, mse => Assert.True(mse < 1e-10, $"{mse}"));
        var run = 7;
        var contraction = (trajectories[run, 2, 0] - trajectories[run, 1, 0]) / (trajectories[run, 1, 0] - trajectories[run, 0, 0]);
        Assert.Equal(0.99, contraction, 9);
    }
}
