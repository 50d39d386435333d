namespace WeightFarcast.Training;

/// <summary>
/// The 1797 8x8 digit images that ship inside the tool (embedded <c>data/digits.csv</c>), pixels divided by 16.
/// Split: rows are shuffled once by <see cref="SplitMix64"/> seeded with <see cref="SplitSeed"/>; the first
/// <see cref="TrainCount"/> shuffled rows are the training set, the remaining 397 the evaluation set.
/// The split is a constant of the tool, independent of any run's seed.
/// </summary>
public sealed class DigitsDataset
{
    public const string ResourceName = "WeightFarcast.Training.digits.csv";
    public const int FeatureCount = DigitsCsv.PixelCount;
    public const int ClassCount = 10;
    public const int TrainCount = 1400;
    public const ulong SplitSeed = 20240601;

    private static readonly Lazy<DigitsDataset> s_embedded = new(LoadEmbedded);

    private readonly int[] _trainRows;
    private readonly int[] _evalRows;

    private DigitsDataset(float[] features, int[] labels)
    {
        Features = features;
        Labels = labels;
        var order = new SplitMix64(SplitSeed).Permutation(labels.Length);
        _trainRows = order[..TrainCount];
        _evalRows = order[TrainCount..];
    }

    /// <summary>The embedded data set, parsed once per process.</summary>
    public static DigitsDataset Embedded => s_embedded.Value;

    /// <summary>All rows in file order, row-major, <see cref="FeatureCount"/> values in [0,1] per row.</summary>
    public IReadOnlyList<float> Features { get; }

    /// <summary>All labels (0..9) in file order.</summary>
    public IReadOnlyList<int> Labels { get; }

    public int RowCount => Labels.Count;

    /// <summary>File-order row indices of a split, in split order.</summary>
    public IReadOnlyList<int> RowsOf(DigitsSplit split) => split switch
    {
        DigitsSplit.Train => _trainRows,
        DigitsSplit.Eval => _evalRows,
        DigitsSplit.All => Enumerable.Range(0, RowCount).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };

    /// <summary>Copies a split out as plain arrays: features row-major [rows x 64] and labels [rows].</summary>
    public DigitsRows Select(DigitsSplit split)
    {
        var rows = RowsOf(split);
        var features = new float[rows.Count * FeatureCount];
        var labels = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var source = rows[i];
            for (var f = 0; f < FeatureCount; f++)
                features[i * FeatureCount + f] = Features[source * FeatureCount + f];
            labels[i] = Labels[source];
        }
        return new DigitsRows(features, labels);
    }

    private static DigitsDataset LoadEmbedded()
    {
        using var stream = typeof(DigitsDataset).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from {typeof(DigitsDataset).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var (features, labels) = DigitsCsv.Parse(reader);
        return new DigitsDataset(features, labels);
    }
}
