using WeightFarcast.Job.Evaluation;

namespace WeightFarcast.Job.Applying;

/// <summary>The errors of one chunk for one horizon: forecast, persistence and linear extrapolation against the actual.</summary>
internal sealed record ChunkErrors(ErrorAccumulator Forecast, ErrorAccumulator Persistence, ErrorAccumulator LinearExtrapolation);

/// <summary>
/// Backtest errors kept per chunk and per horizon while workers run in any order, then combined chunk by chunk in
/// tensor order. Each chunk's sums are exactly what the sequential pass added for that chunk, and they are added in
/// the same order, so the report's numbers are bit-identical run to run and to a one-worker run. Holds a few
/// doubles per chunk (not chunk data): about 0.5 KB per 4 MiB of weights per backtested horizon.
/// </summary>
internal sealed class BacktestPartials
{
    private readonly ChunkErrors?[] _slots;
    private readonly int _horizons;

    public BacktestPartials(int chunks, int horizons)
    {
        _horizons = horizons;
        _slots = new ChunkErrors?[(long)chunks * horizons];
    }

    /// <summary>Each (chunk, horizon) slot is written by exactly one worker, so no lock is needed.</summary>
    public void Set(int chunk, int horizon, ChunkErrors errors) => _slots[(long)chunk * _horizons + horizon] = errors;

    /// <summary>Rows per tensor for one horizon, in tensor order, as the report lists them.</summary>
    public List<(string Tensor, long Elements, ErrorAccumulator F, ErrorAccumulator P, ErrorAccumulator L)> TensorRows(
        ApplyChunks chunks, IReadOnlyList<Checkpoints.TensorInfo> tensors, int horizon)
    {
        var rows = new List<(string, long, ErrorAccumulator, ErrorAccumulator, ErrorAccumulator)>();
        for (var t = 0; t < tensors.Count; t++)
        {
            var (first, count) = chunks.OfTensor(t);
            if (count == 0 || !chunks[first].Forecast)
                continue;
            ErrorAccumulator f = new(), p = new(), l = new();
            for (var c = first; c < first + count; c++)
            {
                var errors = _slots[(long)c * _horizons + horizon] ?? throw new InvalidOperationException($"chunk {c} of '{tensors[t].Name}' has no backtest errors");
                f.Add(errors.Forecast);
                p.Add(errors.Persistence);
                l.Add(errors.LinearExtrapolation);
            }
            rows.Add((tensors[t].Name, tensors[t].ElementCount, f, p, l));
        }
        return rows;
    }
}
