using WeightFarcast.TorchRuntime;
using static TorchSharp.torch;

namespace WeightFarcast.Forecasting;

/// <summary>Computes L_grad (see <see cref="StepRegularizer"/>) for one batch, vectorised over rows and groups.</summary>
internal sealed class StepLengthPenalty : IDisposable
{
    // One-hot sums cost groups × rows per batch: cheaper than index_add for the paper's small batches, far dearer for
    // the product's (100 groups × 32k rows was 4x slower per epoch; `weightfarcast bench fit --rows 100000`).
    private const long OneHotElementLimit = 1 << 18;

    private readonly StepRegularizer _options;
    private readonly int _groupCount;
    private readonly double _firstGap;
    private readonly long[] _pairStarts;
    private readonly Tensor? _pairGaps;
    private readonly KeptScalars _scalars;

    /// <param name="groupCount">Group ids passed to <see cref="Compute"/> lie in 0..groupCount-1.</param>
    public StepLengthPenalty(StepRegularizer options, IReadOnlyList<int> horizonSteps, int firstStepGap, int groupCount, Device device, KeptScalars scalars)
    {
        _scalars = scalars;
        _options = options;
        _groupCount = groupCount;
        _firstGap = firstStepGap;
        var pairCount = horizonSteps.Count - 1;
        _pairStarts = pairCount <= 0
            ? []
            : options.Pairs == RegularizedPairs.Last
                ? [pairCount - 1]
                : Enumerable.Range(0, pairCount).Select(p => (long)p).ToArray();
        if (_pairStarts.Length > 0)
        {
            var gaps = _pairStarts.Select(p => (float)(horizonSteps[(int)p + 1] - horizonSteps[(int)p])).ToArray();
            _pairGaps = tensor(gaps, device: device).DetachFromDisposeScope();
        }
    }

    public void Dispose() => _pairGaps?.Dispose();

    public bool HasPairs => _pairStarts.Length > 0;

    /// <param name="predictions">[B × H]</param>
    /// <param name="firstStepDelta">[B]: w_first − w_0 per row</param>
    /// <param name="groups">[B] int64 group ids</param>
    public Tensor Compute(Tensor predictions, Tensor firstStepDelta, Tensor groups)
    {
        var device = predictions.device;
        if (!HasPairs)
            return zeros([], device: device);
        var horizonCount = predictions.shape[1];
        // Consecutive predicted differences for the chosen pairs: [B × P].
        Tensor steps;
        if (_options.Pairs == RegularizedPairs.Last)
        {
            steps = predictions.narrow(1, horizonCount - 1, 1).sub(predictions.narrow(1, horizonCount - 2, 1));
        }
        else
        {
            steps = predictions.narrow(1, 1, horizonCount - 1).sub(predictions.narrow(1, 0, horizonCount - 1));
        }
        var pairCount = steps.shape[1];

        var firstPerGroup = GroupNorm(firstStepDelta.unsqueeze(1), groups).squeeze(1).div(_scalars[_firstGap]);   // [G]
        var lastPerGroup = GroupNorm(steps, groups).div(_pairGaps!);                                     // [G × P]
        var excess = nn.functional.relu(lastPerGroup.sub(firstPerGroup.unsqueeze(1)));                   // [G × P]

        // Groups absent from the batch contribute 0 to both sides; average over the groups present.
        var counts = GroupSum(ones([groups.shape[0], 1], dtype: predictions.dtype, device: device), groups);
        var present = counts.gt(_scalars[0]).sum().to_type(ScalarType.Float32);
        var perGroup = excess.sum(1);
        if (_options.Pairs == RegularizedPairs.AllMean)
            perGroup = perGroup.div(_scalars[pairCount]);
        return perGroup.sum().div(present);
    }

    /// <summary>Per-group norm over its rows of each column: Σ|x| (L1) or sqrt(Σx²) (L2). Returns [G × C].</summary>
    private Tensor GroupNorm(Tensor values, Tensor groups)
    {
        var perRow = _options.Norm == StepNorm.L1 ? values.abs() : values.square();
        var summed = GroupSum(perRow, groups);
        // The clamp keeps sqrt's gradient finite for groups whose steps are exactly zero.
        return _options.Norm == StepNorm.L1 ? summed : summed.clamp_min(_scalars[1e-30]).sqrt();
    }

    /// <summary>Σ over each group's rows, [B × C] → [G × C].</summary>
    private Tensor GroupSum(Tensor perRow, Tensor groups)
    {
        // CPU index_add (and its backward) is several times slower than a one-hot matrix product while groups × rows
        // is small, as in the paper's batches of 32 runs.
        if (_groupCount * perRow.shape[0] <= OneHotElementLimit)
        {
            var oneHot = groups.unsqueeze(0).eq(arange(_groupCount, dtype: ScalarType.Int64, device: perRow.device).unsqueeze(1)).to_type(perRow.dtype);
            return oneHot.mm(perRow);
        }
        return zeros([_groupCount, perRow.shape[1]], dtype: perRow.dtype, device: perRow.device).index_add_(0, groups, perRow, _scalars.One);
    }
}
