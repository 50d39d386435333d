namespace WeightFarcast.Forecasting;

/// <summary>
/// The row order and batch boundaries of one epoch: a seeded shuffle of whole runs (<see cref="BatchUnit.Runs"/>)
/// or of single rows (<see cref="BatchUnit.Rows"/>). Also maps arbitrary run ids to dense group ids 0..G-1.
/// </summary>
internal sealed class BatchPlan
{
    private readonly BatchUnit _unit;
    private readonly int _batchSize;
    private readonly int _rowCount;
    private readonly int[][] _rowsByGroup;

    public BatchPlan(int[] runIndex, BatchUnit unit, int batchSize)
    {
        _unit = unit;
        _batchSize = batchSize;
        _rowCount = runIndex.Length;
        var runs = runIndex.Distinct().Order().ToArray();
        var dense = new Dictionary<int, int>(runs.Length);
        for (var g = 0; g < runs.Length; g++)
            dense[runs[g]] = g;
        GroupOfRow = runIndex.Select(r => (long)dense[r]).ToArray();
        var lists = runs.Select(_ => new List<int>()).ToArray();
        for (var r = 0; r < runIndex.Length; r++)
            lists[dense[runIndex[r]]].Add(r);
        _rowsByGroup = lists.Select(l => l.ToArray()).ToArray();
    }

    public int GroupCount => _rowsByGroup.Length;

    /// <summary>Dense group id (0..G-1) of every row.</summary>
    public long[] GroupOfRow { get; }

    /// <summary>The epoch's row order and the end (exclusive) of each batch in it.</summary>
    public (long[] Order, int[] BatchEnds) NextEpoch(SeededRandom random)
    {
        var order = new long[_rowCount];
        var ends = new List<int>();
        if (_unit == BatchUnit.Rows)
        {
            var permutation = random.Permutation(_rowCount);
            for (var i = 0; i < _rowCount; i++)
                order[i] = permutation[i];
            for (var end = _batchSize; end < _rowCount; end += _batchSize)
                ends.Add(end);
        }
        else
        {
            var groups = random.Permutation(_rowsByGroup.Length);
            var position = 0;
            for (var g = 0; g < groups.Length; g++)
            {
                foreach (var row in _rowsByGroup[groups[g]])
                    order[position++] = row;
                if ((g + 1) % _batchSize == 0 && position < _rowCount)
                    ends.Add(position);
            }
        }
        ends.Add(_rowCount);
        return (order, ends.ToArray());
    }
}
