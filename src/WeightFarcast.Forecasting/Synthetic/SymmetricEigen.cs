namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (used for GD's step size).</summary>
internal static class SymmetricEigen
{
    public static double LargestEigenvalue(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var offDiagonal = 0.0;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++)
                    offDiagonal += a[p, q] * a[p, q];
            if (offDiagonal < 1e-30)
                break;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++)
                    Rotate(a, n, p, q);
        }
        var largest = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
            largest = Math.Max(largest, a[i, i]);
        return largest;
    }

    // Zeroes a[p, q] by the rotation A ← Jᵀ A J.
    private static void Rotate(double[,] a, int n, int p, int q)
    {
        if (a[p, q] == 0)
            return;
        var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
        var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        var c = 1 / Math.Sqrt(t * t + 1);
        var s = t * c;
        for (var k = 0; k < n; k++)
        {
            var akp = a[k, p];
            var akq = a[k, q];
            a[k, p] = c * akp - s * akq;
            a[k, q] = s * akp + c * akq;
        }
        for (var k = 0; k < n; k++)
        {
            var apk = a[p, k];
            var aqk = a[q, k];
            a[p, k] = c * apk - s * aqk;
            a[q, k] = s * apk + c * aqk;
        }
    }
}
