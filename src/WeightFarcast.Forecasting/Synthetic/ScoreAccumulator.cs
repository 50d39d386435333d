using System.Diagnostics;

namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>Collects one method's per-sample test MSE and fit cost, then summarises them over samples.</summary>
internal sealed class ScoreAccumulator(string method, double lambda)
{
    private readonly List<double[]> _samples = [];
    private readonly List<double> _seconds = [];
    private readonly List<int> _epochs = [];

    public void Add(double[] mse, TimeSpan fitTime, int epochs)
    {
        _samples.Add(mse);
        _seconds.Add(fitTime.TotalSeconds);
        _epochs.Add(epochs);
    }

    public MethodScore ToScore()
    {
        Debug.Assert(_samples.Count > 0);
        var steps = _samples[0].Length;
        var stats = Enumerable.Range(0, steps).Select(t => MeanAndDeviation.Of(_samples.Select(s => s[t]).ToArray())).ToArray();
        return new MethodScore(
            method,
            lambda,
            stats.Select(s => s.Mean).ToArray(),
            stats.Select(s => s.Std).ToArray(),
            _samples.Select(s => (IReadOnlyList<double>)s).ToArray(),
            _seconds.Average(),
            _epochs.Average());
    }
}
