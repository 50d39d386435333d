namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>
/// The paper's "NN 1d" trajectories (method.md section 6): an MLP 1 → 10 (ReLU) → 1 with biases, 31 parameters
/// flattened as [W1(10), b1(10), W2(10), b2(1)], trained with MSE, batch 64, lr 0.002, by the optimiser named
/// (the authors' generator swapped the labels; this one does not). A snapshot is taken before every optimiser step.
/// Regression family (as in the authors' generator): run i fits y = w*_i · x on 100 points x ~ N(0, 1), no noise,
/// with w*_i ~ N(0, 1) from the sample stream (seed = sample index) and x from run i's stream (seed = i).
/// Initial weights (PyTorch's nn.Linear default: U(±1/√fan_in)) and the per-epoch shuffles come from a stream
/// seeded by (sample, run), so they differ between samples as torch's global generator made them differ.
/// </summary>
public static class MlpGenerator
{
    public const int Hidden = 10;
    public const int ParameterCount = 3 * Hidden + 1;
    public const int DataRows = 100;
    public const int BatchRows = 64;
    public const double LearningRate = 0.002;

    // Offsets of b1, W2 and b2 in the flattened parameter vector (W1 starts at 0).
    private const int B1 = Hidden, W2 = 2 * Hidden, B2 = 3 * Hidden;

    public static WeightTrajectories Generate(SyntheticOptimizer optimizer, int sampleSeed, int runs = 200, int steps = 200)
    {
        if (optimizer == SyntheticOptimizer.GradientDescent)
            throw new ArgumentException("the MLP is generated with SGD or Adam", nameof(optimizer));
        var trajectories = new WeightTrajectories(runs, steps + 1, ParameterCount);
        var sample = new SeededRandom((ulong)sampleSeed);
        var slopes = Enumerable.Range(0, runs).Select(_ => sample.NextGaussian()).ToArray();
        for (var i = 0; i < runs; i++)
            GenerateRun(trajectories, i, slopes[i], optimizer, SeededRandom.ForPair(sampleSeed, i), steps);
        return trajectories;
    }

    private static void GenerateRun(WeightTrajectories output, int run, double slope, SyntheticOptimizer optimizer, SeededRandom training, int steps)
    {
        var data = new SeededRandom((ulong)run);
        var x = Enumerable.Range(0, DataRows).Select(_ => data.NextGaussian()).ToArray();
        var y = x.Select(v => slope * v).ToArray();

        var theta = new double[ParameterCount];
        for (var j = 0; j < 2 * Hidden; j++)
            theta[j] = training.NextUniform(-1, 1); // W1, b1: fan_in 1
        var bound = 1 / Math.Sqrt(Hidden);
        for (var j = 2 * Hidden; j < ParameterCount; j++)
            theta[j] = training.NextUniform(-bound, bound); // W2, b2: fan_in 10

        IParameterUpdate update = optimizer == SyntheticOptimizer.Adam ? new AdamUpdate(ParameterCount) : new SgdUpdate();
        var gradient = new double[ParameterCount];
        var snapshot = 0;
        while (true)
        {
            var order = training.Permutation(DataRows);
            for (var start = 0; start < DataRows; start += BatchRows)
            {
                output.Store(run, snapshot++, theta);
                if (snapshot == steps + 1)
                    return;
                var batch = order.AsSpan(start, Math.Min(BatchRows, DataRows - start));
                MseGradient(theta, x, y, batch, gradient);
                update.Apply(theta, gradient);
            }
        }
    }

    /// <summary>Gradient of mean((f(x) − y)²) over the batch, by hand-written backpropagation.</summary>
    internal static void MseGradient(double[] theta, double[] x, double[] y, ReadOnlySpan<int> batch, double[] gradient)
    {
        Array.Clear(gradient);
        Span<double> hidden = stackalloc double[Hidden];
        foreach (var r in batch)
        {
            var dOutput = 2 * (Forward(theta, x[r], hidden) - y[r]) / batch.Length;
            gradient[B2] += dOutput;
            for (var u = 0; u < Hidden; u++)
            {
                gradient[W2 + u] += dOutput * hidden[u];
                if (hidden[u] > 0)
                {
                    var dPre = dOutput * theta[W2 + u];
                    gradient[u] += dPre * x[r];
                    gradient[B1 + u] += dPre;
                }
            }
        }
    }

    /// <summary>MSE of the MLP on the given points.</summary>
    internal static double Mse(ReadOnlySpan<double> theta, double[] x, double[] y)
    {
        Span<double> hidden = stackalloc double[Hidden];
        var total = 0.0;
        for (var r = 0; r < x.Length; r++)
        {
            var error = Forward(theta, x[r], hidden) - y[r];
            total += error * error;
        }
        return total / x.Length;
    }

    /// <summary>f(x) = W2·ReLU(W1 x + b1) + b2; leaves the hidden activations in <paramref name="hidden"/>.</summary>
    private static double Forward(ReadOnlySpan<double> theta, double x, Span<double> hidden)
    {
        var output = theta[B2];
        for (var u = 0; u < Hidden; u++)
        {
            hidden[u] = Math.Max(0, theta[u] * x + theta[B1 + u]);
            output += theta[W2 + u] * hidden[u];
        }
        return output;
    }

    private interface IParameterUpdate
    {
        void Apply(double[] theta, double[] gradient);
    }

    private sealed class SgdUpdate : IParameterUpdate
    {
        public void Apply(double[] theta, double[] gradient)
        {
            for (var j = 0; j < theta.Length; j++)
                theta[j] -= LearningRate * gradient[j];
        }
    }

    /// <summary>torch.optim.Adam with its defaults (betas 0.9, 0.999; eps 1e-8; bias correction).</summary>
    private sealed class AdamUpdate(int size) : IParameterUpdate
    {
        private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
        private readonly double[] _m = new double[size];
        private readonly double[] _v = new double[size];
        private int _t;

        public void Apply(double[] theta, double[] gradient)
        {
            _t++;
            var correction1 = 1 - Math.Pow(Beta1, _t);
            var correction2 = 1 - Math.Pow(Beta2, _t);
            for (var j = 0; j < theta.Length; j++)
            {
                _m[j] = Beta1 * _m[j] + (1 - Beta1) * gradient[j];
                _v[j] = Beta2 * _v[j] + (1 - Beta2) * gradient[j] * gradient[j];
                theta[j] -= LearningRate * (_m[j] / correction1) / (Math.Sqrt(_v[j] / correction2) + Epsilon);
            }
        }
    }
}
