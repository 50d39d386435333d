using System.Numerics;

namespace WeightFarcast.Checkpoints.Statistics;

/// <summary>
/// Accumulates statistics chunk by chunk: each chunk gets an exact two-pass mean and squared deviation (vectorised
/// when the chunk is all finite), and chunks are merged with Chan et al.'s parallel update; chunk sums are added
/// with Neumaier compensation. Accurate over billions of values with O(1) memory.
/// </summary>
internal sealed class StatisticsAccumulator
{
    private long _count;
    private long _finite;
    private long _nan;
    private long _inf;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _mean;
    private double _m2;
    private double _sum;
    private double _compensation;

    public void Add(ReadOnlySpan<double> values)
    {
        _count += values.Length;
        var (finite, sum, min, max) = AllFinite(values) ? SumFinite(values) : SumMixed(values);
        if (finite == 0)
            return;
        var chunkMean = sum / finite;
        var chunkM2 = SquaredDeviation(values, chunkMean, finite == values.Length);

        var total = _finite + finite;
        var delta = chunkMean - _mean;
        _mean += delta * finite / total;
        _m2 += chunkM2 + delta * delta * ((double)_finite * finite / total);
        _finite = total;
        _min = Math.Min(_min, min);
        _max = Math.Max(_max, max);
        AddCompensated(sum);
    }

    public TensorStatistics Result()
    {
        if (_finite == 0)
            return new TensorStatistics(_count, double.NaN, double.NaN, double.NaN, double.NaN, 0, _nan, _inf);
        return new TensorStatistics(_count, _min, _max, _mean, Math.Sqrt(_m2 / _finite), _sum + _compensation, _nan, _inf);
    }

    private void AddCompensated(double value)
    {
        var t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // x - x is 0 for finite x and NaN for NaN or infinity.
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var v = new Vector<double>(values[i..]);
                if (!Vector.EqualsAll(v - v, Vector<double>.Zero))
                    return false;
            }
        }
        for (; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                return false;
        }
        return true;
    }

    private static (long Finite, double Sum, double Min, double Max) SumFinite(ReadOnlySpan<double> values)
    {
        var i = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var vSum = Vector<double>.Zero;
            var vMin = new Vector<double>(double.PositiveInfinity);
            var vMax = new Vector<double>(double.NegativeInfinity);
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var v = new Vector<double>(values[i..]);
                vSum += v;
                vMin = Vector.Min(vMin, v);
                vMax = Vector.Max(vMax, v);
            }
            for (var lane = 0; lane < Vector<double>.Count; lane++)
            {
                sum += vSum[lane];
                min = Math.Min(min, vMin[lane]);
                max = Math.Max(max, vMax[lane]);
            }
        }
        for (; i < values.Length; i++)
        {
            sum += values[i];
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }
        return (values.Length, sum, min, max);
    }

    private (long Finite, double Sum, double Min, double Max) SumMixed(ReadOnlySpan<double> values)
    {
        long finite = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                _nan++;
            }
            else if (double.IsInfinity(value))
            {
                _inf++;
            }
            else
            {
                finite++;
                sum += value;
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
        }
        return (finite, sum, min, max);
    }

    private static double SquaredDeviation(ReadOnlySpan<double> values, double mean, bool allFinite)
    {
        double m2 = 0;
        var i = 0;
        if (allFinite && Vector.IsHardwareAccelerated)
        {
            var vMean = new Vector<double>(mean);
            var acc = Vector<double>.Zero;
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var d = new Vector<double>(values[i..]) - vMean;
                acc += d * d;
            }
            m2 = Vector.Sum(acc);
        }
        for (; i < values.Length; i++)
        {
            if (double.IsFinite(values[i]))
                m2 += (values[i] - mean) * (values[i] - mean);
        }
        return m2;
    }
}
