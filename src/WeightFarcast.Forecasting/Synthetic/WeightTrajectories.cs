namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>Weight snapshots of many runs: value of coordinate c of run r at snapshot s, stored [run, snapshot, coordinate].</summary>
public sealed class WeightTrajectories
{
    public WeightTrajectories(int runs, int snapshots, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(snapshots);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        Runs = runs;
        Snapshots = snapshots;
        Dimension = dimension;
        Values = new double[runs * snapshots * dimension];
    }

    public int Runs { get; }
    public int Snapshots { get; }
    public int Dimension { get; }
    public double[] Values { get; }

    public double this[int run, int snapshot, int coordinate]
    {
        get => Values[Offset(run, snapshot) + coordinate];
        set => Values[Offset(run, snapshot) + coordinate] = value;
    }

    /// <summary>Stores one snapshot of one run (length = dimension).</summary>
    public void Store(int run, int snapshot, ReadOnlySpan<double> weights) =>
        weights.CopyTo(Values.AsSpan(Offset(run, snapshot), Dimension));

    private int Offset(int run, int snapshot) => (run * Snapshots + snapshot) * Dimension;
}
