using static TorchSharp.torch;

namespace WeightFarcast.Training;

/// <summary>
/// Epochs over the digits training rows, each in a fresh seeded shuffle, cut into full batches; the
/// remainder of an epoch (1400 mod batch size rows) is dropped so every step sees the same batch size.
/// </summary>
internal sealed class DigitsTrainBatches : ITrainBatches
{
    private readonly Tensor _features;
    private readonly Tensor _labels;
    private readonly int _rowCount;
    private readonly int _batchSize;
    private readonly SplitMix64 _random;
    private int[] _order = [];
    private int _cursor;

    public DigitsTrainBatches(DigitsRows train, int batchSize, ulong seed)
    {
        if (batchSize < 1 || batchSize > train.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batch size must be 1..{train.Count}");
        _features = train.FeaturesTensor().DetachFromDisposeScope();
        _labels = train.LabelsTensor().DetachFromDisposeScope();
        _rowCount = train.Count;
        _batchSize = batchSize;
        _random = new SplitMix64(seed);
    }

    public (Tensor Inputs, Tensor Targets) Next()
    {
        if (_cursor + _batchSize > _order.Length)
        {
            _order = _random.Permutation(_rowCount);
            _cursor = 0;
        }
        var rows = new long[_batchSize];
        for (var i = 0; i < _batchSize; i++)
            rows[i] = _order[_cursor + i];
        _cursor += _batchSize;
        using var index = tensor(rows);
        return (_features.index_select(0, index), _labels.index_select(0, index));
    }

    public void Dispose()
    {
        _features.Dispose();
        _labels.Dispose();
    }
}
