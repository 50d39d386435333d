using System.Diagnostics;
using WeightFarcast.Checkpoints.Statistics;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Job.Evaluation;
using WeightFarcast.Job.Fitting;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Applying;

/// <summary>What applying produced: one checkpoint per horizon and, where the actual checkpoint exists, its errors.</summary>
public sealed record ApplyResult(IReadOnlyList<HorizonOutput> Horizons, long BytesRead, long BytesWritten, TimeSpan Elapsed);

public sealed record HorizonOutput(int Step, string Path, BacktestErrors? Backtest);

/// <summary>Per-tensor and overall errors of the forecast and the two baselines against the actual checkpoint;
/// <paramref name="Sums"/> holds each tensor's raw sums, in tensor order, for merging shard runs exactly.</summary>
public sealed record BacktestErrors(ErrorMetrics Forecast, ErrorMetrics Persistence, ErrorMetrics LinearExtrapolation, IReadOnlyList<(string Tensor, long Elements, ErrorMetrics Forecast, ErrorMetrics Persistence, ErrorMetrics LinearExtrapolation)> Tensors, IReadOnlyList<TensorErrorSums> Sums);

/// <summary>One tensor's backtest sums for one horizon.</summary>
public sealed record TensorErrorSums(string Tensor, long Elements, ErrorSums Forecast, ErrorSums Persistence, ErrorSums LinearExtrapolation);

/// <summary>
/// One streaming pass over the target's tensors, split into chunks that <see cref="ApplySettings.Workers"/> workers
/// process in parallel: each chunk of w_0..w_n is read once, every horizon's forecast is computed from it and written
/// (positional writes, so order does not matter), and, where the actual checkpoint exists, compared with it together
/// with the persistence and linear-extrapolation baselines. Memory holds one chunk's buffers per worker, whatever the
/// model size; backtest sums are combined in tensor order, so results do not depend on scheduling.
/// Outputs appear only when every horizon is complete (temp files + rename); failure or cancellation leaves none.
/// </summary>
public static class ForecastApplier
{
    public const int ChunkElements = 1 << 20;

    public static ApplyResult Run(JobPlan plan, ForecasterSet forecasters, ApplySettings settings, IProgress<string>? progress, CancellationToken cancellationToken) =>
        Run(plan, forecasters, settings, ChunkElements, progress, cancellationToken);

    /// <summary>As above with a chosen chunk size (tests use small chunks to split small tensors).</summary>
    internal static ApplyResult Run(JobPlan plan, ForecasterSet forecasters, ApplySettings settings, int chunkElements, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkElements, 1);
        var clock = Stopwatch.StartNew();
        using var streams = new ApplyStreams(plan, settings);
        var chunks = new ApplyChunks(plan.Tensors, chunkElements);
        var partials = streams.Backtesting ? new BacktestPartials(chunks.Count, plan.Horizons.Count) : null;
        var tensorProgress = new TensorProgress(plan.Tensors.Count, chunks, progress);
        var bytesRead = ParallelChunkRunner.Run(
            chunks.Count,
            settings.Workers ?? Environment.ProcessorCount,
            () => new ChunkWorker(plan, forecasters, streams, partials, settings.NonFinitePolicy, chunkElements),
            (worker, index) => worker.Process(chunks[index], index),
            tensorProgress.ChunkDone,
            cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        var results = new List<HorizonOutput>();
        for (var i = 0; i < plan.Horizons.Count; i++)
        {
            var output = streams.Outputs[i];
            output.Commit();
            var backtest = partials is not null && streams.Actuals[i] is not null
                ? Summarise(partials.TensorRows(chunks, plan.Tensors, i))
                : null;
            results.Add(new HorizonOutput(plan.Horizons[i], output.Path, backtest));
        }
        return new ApplyResult(results, bytesRead, streams.Outputs.Sum(o => o.Tensors.Sum(t => t.ByteLength)), clock.Elapsed);
    }

    /// <summary>Overall errors from per-tensor ones, added in the given (tensor) order: shard merges call this too.</summary>
    internal static BacktestErrors Summarise(IReadOnlyList<(string Tensor, long Elements, ErrorAccumulator F, ErrorAccumulator P, ErrorAccumulator L)> rows)
    {
        ErrorAccumulator f = new(), p = new(), l = new();
        foreach (var row in rows)
        {
            f.Add(row.F);
            p.Add(row.P);
            l.Add(row.L);
        }
        return new BacktestErrors(f.Result(), p.Result(), l.Result(),
            rows.Select(r => (r.Tensor, r.Elements, r.F.Result(), r.P.Result(), r.L.Result())).ToList(),
            rows.Select(r => new TensorErrorSums(r.Tensor, r.Elements, r.F.Sums, r.P.Sums, r.L.Sums)).ToList());
    }
}

/// <summary>How forecasts are written. <paramref name="Workers"/>: chunks processed in parallel (default: one per core).</summary>
public sealed record ApplySettings(string OutputDirectory, DType? OutputDType, bool Backtest, NonFinitePolicy NonFinitePolicy, Func<int, IReadOnlyDictionary<string, string>> Metadata, int? Workers = null);
