namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>
/// The closed-form least-squares affine map from (w_0, w_n) to each horizon, fitted on the training runs: the lowest
/// test error an LFD-2 map can be expected to reach on a dataset. Reported beside LFD-2 so that a gap between the
/// two reads as an optimisation (Adam + L1 + early stopping) shortfall, not a data or generator difference.
/// </summary>
internal static class AffineLeastSquaresFloor
{
    public static Action<int, Func<int, float[]>, float[]> Predictor(WeightTrajectories trajectories)
    {
        var coefficients = new Dictionary<int, double[]>();
        return (step, column, output) =>
        {
            if (!coefficients.TryGetValue(step, out var c))
                coefficients[step] = c = Fit(trajectories, step);
            var w0 = column(0);
            var wn = column(PaperProtocol.ObservedStep);
            for (var i = 0; i < output.Length; i++)
                output[i] = (float)(c[0] * w0[i] + c[1] * wn[i] + c[2]);
        };
    }

    private static double[] Fit(WeightTrajectories t, int step)
    {
        var normal = new double[3, 3];
        var right = new double[3];
        for (var run = 0; run < t.Runs; run++)
        {
            if (!PaperProtocol.IsTrainRun(run))
                continue;
            for (var c = 0; c < t.Dimension; c++)
            {
                double[] x = [t[run, 0, c], t[run, PaperProtocol.ObservedStep, c], 1];
                for (var p = 0; p < 3; p++)
                {
                    right[p] += x[p] * t[run, step, c];
                    for (var q = 0; q < 3; q++)
                        normal[p, q] += x[p] * x[q];
                }
            }
        }
        return Solve(normal, right);
    }

    // Gaussian elimination with partial pivoting.
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        for (var k = 0; k < n; k++)
        {
            var pivot = k;
            for (var i = k + 1; i < n; i++)
            {
                if (Math.Abs(a[i, k]) > Math.Abs(a[pivot, k]))
                    pivot = i;
            }
            for (var j = 0; j < n; j++)
                (a[k, j], a[pivot, j]) = (a[pivot, j], a[k, j]);
            (b[k], b[pivot]) = (b[pivot], b[k]);
            for (var i = k + 1; i < n; i++)
            {
                var factor = a[i, k] / a[k, k];
                for (var j = k; j < n; j++)
                    a[i, j] -= factor * a[k, j];
                b[i] -= factor * b[k];
            }
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var j = i + 1; j < n; j++)
                sum -= a[i, j] * x[j];
            x[i] = sum / a[i, i];
        }
        return x;
    }
}
