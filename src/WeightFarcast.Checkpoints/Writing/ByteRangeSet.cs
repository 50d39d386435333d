namespace WeightFarcast.Checkpoints.Writing;

/// <summary>The union of written [start, end) ranges, merged as they arrive (sequential chunks stay one range).</summary>
internal sealed class ByteRangeSet
{
    private readonly List<(long Start, long End)> _ranges = [];

    public void Add(long start, long end)
    {
        if (end <= start)
            return;
        // Find the first range that ends at or after start; merge everything overlapping or touching.
        var i = _ranges.FindIndex(r => r.End >= start);
        if (i < 0)
        {
            _ranges.Add((start, end));
            return;
        }
        var j = i;
        while (j < _ranges.Count && _ranges[j].Start <= end)
        {
            start = Math.Min(start, _ranges[j].Start);
            end = Math.Max(end, _ranges[j].End);
            j++;
        }
        _ranges.RemoveRange(i, j - i);
        _ranges.Insert(i, (start, end));
    }

    /// <summary>Bytes covered within [0, length).</summary>
    public long Covered => _ranges.Sum(r => r.End - r.Start);

    /// <summary>The first offset in [0, length) not yet written, or null when all are.</summary>
    public long? FirstGap(long length) =>
        _ranges.Count == 0 ? (length == 0 ? null : 0)
        : _ranges[0].Start > 0 ? 0
        : _ranges[0].End >= length ? null
        : _ranges[0].End;
}
