using static TorchSharp.torch;

namespace WeightFarcast.Training;

/// <summary>
/// Training windows of a text: each row starts at a seeded uniform position in the training split; inputs are
/// <c>context</c> tokens and targets the same window shifted by one token. Tensors are int64 [batch, context].
/// </summary>
internal sealed class TextTrainBatches : ITrainBatches
{
    private readonly int[] _tokens;
    private readonly int _batchSize;
    private readonly int _context;
    private readonly SplitMix64 _random;

    public TextTrainBatches(int[] trainTokens, int batchSize, int context, ulong seed)
    {
        if (trainTokens.Length < context + 2)
            throw new ArgumentException($"the training split has {trainTokens.Length} tokens, fewer than a window of {context + 1}", nameof(trainTokens));
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be >= 1");
        (_tokens, _batchSize, _context, _random) = (trainTokens, batchSize, context, new SplitMix64(seed));
    }

    public (Tensor Inputs, Tensor Targets) Next()
    {
        var inputs = new long[_batchSize * _context];
        var targets = new long[_batchSize * _context];
        var starts = _tokens.Length - _context;
        for (var row = 0; row < _batchSize; row++)
        {
            var start = _random.NextBelow(starts);
            for (var t = 0; t < _context; t++)
            {
                inputs[row * _context + t] = _tokens[start + t];
                targets[row * _context + t] = _tokens[start + t + 1];
            }
        }
        return (tensor(inputs, [_batchSize, _context]), tensor(targets, [_batchSize, _context]));
    }

    public void Dispose()
    {
    }
}
