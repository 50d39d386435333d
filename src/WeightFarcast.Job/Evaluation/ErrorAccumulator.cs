namespace WeightFarcast.Job.Evaluation;

/// <summary>Streams (prediction, actual) pairs chunk by chunk and yields MSE, MAE, relative L2 error and cosine
/// similarity, with double accumulators so billions of float elements add up without drift.</summary>
public sealed class ErrorAccumulator
{
    private long _count;
    private double _squaredError;
    private double _absoluteError;
    private double _actualSquared;
    private double _predictedSquared;
    private double _dot;

    public long Count => _count;

    public void Add(ReadOnlySpan<float> predicted, ReadOnlySpan<float> actual)
    {
        if (predicted.Length != actual.Length)
            throw new ArgumentException($"predicted has {predicted.Length} elements but actual has {actual.Length}");
        double se = 0, ae = 0, aa = 0, pp = 0, dot = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            double p = predicted[i], a = actual[i], d = p - a;
            se += d * d;
            ae += Math.Abs(d);
            aa += a * a;
            pp += p * p;
            dot += p * a;
        }
        _count += predicted.Length;
        _squaredError += se;
        _absoluteError += ae;
        _actualSquared += aa;
        _predictedSquared += pp;
        _dot += dot;
    }

    public void Add(ErrorAccumulator other)
    {
        _count += other._count;
        _squaredError += other._squaredError;
        _absoluteError += other._absoluteError;
        _actualSquared += other._actualSquared;
        _predictedSquared += other._predictedSquared;
        _dot += other._dot;
    }

    public ErrorSums Sums => new(_count, _squaredError, _absoluteError, _actualSquared, _predictedSquared, _dot);

    public static ErrorAccumulator FromSums(ErrorSums sums) => new()
    {
        _count = sums.Count,
        _squaredError = sums.SquaredError,
        _absoluteError = sums.AbsoluteError,
        _actualSquared = sums.ActualSquared,
        _predictedSquared = sums.PredictedSquared,
        _dot = sums.Dot,
    };

    public ErrorMetrics Result()
    {
        if (_count == 0)
            return new ErrorMetrics(0, 0, 0, 1);
        var norms = Math.Sqrt(_predictedSquared) * Math.Sqrt(_actualSquared);
        return new ErrorMetrics(
            Mse: _squaredError / _count,
            Mae: _absoluteError / _count,
            RelL2: _actualSquared > 0 ? Math.Sqrt(_squaredError / _actualSquared) : Math.Sqrt(_squaredError),
            Cosine: norms > 0 ? _dot / norms : (_squaredError == 0 ? 1 : 0));
    }
}

/// <summary>Weight-space error of a prediction against the actual checkpoint.</summary>
public sealed record ErrorMetrics(double Mse, double Mae, double RelL2, double Cosine);
