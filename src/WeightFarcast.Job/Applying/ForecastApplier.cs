using System.Diagnostics;
using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Evaluation;
using WeightFarcast.Job.Fitting;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Applying;

/// <summary>What applying produced: one checkpoint per horizon and, where the actual checkpoint exists, its errors.</summary>
public sealed record ApplyResult(IReadOnlyList<HorizonOutput> Horizons, long BytesRead, long BytesWritten, TimeSpan Elapsed);

public sealed record HorizonOutput(int Step, string Path, BacktestErrors? Backtest);

/// <summary>Per-tensor and overall errors of the forecast and the two baselines against the actual checkpoint.</summary>
public sealed record BacktestErrors(ErrorMetrics Forecast, ErrorMetrics Persistence, ErrorMetrics LinearExtrapolation, IReadOnlyList<(string Tensor, long Elements, ErrorMetrics Forecast, ErrorMetrics Persistence, ErrorMetrics LinearExtrapolation)> Tensors);

/// <summary>
/// One streaming pass over the target's tensors: each chunk of w_0..w_n is read once, every horizon's forecast is
/// computed from it and written, and, where the actual checkpoint exists, compared with it together with the
/// persistence and linear-extrapolation baselines. Memory holds a few chunks, whatever the model size.
/// Outputs appear only when every horizon is complete (temp files + rename); failure or cancellation leaves none.
/// </summary>
public static class ForecastApplier
{
    public const int ChunkElements = 1 << 20;

    public static ApplyResult Run(JobPlan plan, ForecasterSet forecasters, ApplySettings settings, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var inputPaths = plan.InputSteps.Select(s => plan.Target.PathFor(s)).ToList();
        var inputs = inputPaths.Select(CheckpointReader.Open).ToList();
        var initial = CheckpointReader.Open(plan.Target.PathFor(plan.InitialStep));
        var observed = CheckpointReader.Open(plan.Target.PathFor(plan.ObservedStep));
        var actuals = settings.Backtest
            ? plan.Horizons.ToDictionary(h => h, h => plan.Target.Has(h) ? CheckpointReader.Open(plan.Target.PathFor(h)) : null)
            : plan.Horizons.ToDictionary(h => h, _ => (ICheckpointReader?)null);
        var outputs = new List<ICheckpointWriter>();
        try
        {
            var tensors = plan.Tensors.Select(t => t.IsFloatingPoint && settings.OutputDType is { } d ? new TensorInfo(t.Name, d, t.Shape) : t).ToList();
            foreach (var horizon in plan.Horizons)
                outputs.Add(ForecastOutputs.Create(observed, tensors, settings.OutputDirectory, horizon, settings.Metadata(horizon)));

            var metrics = plan.Horizons.ToDictionary(h => h, _ => new List<(string, long, ErrorAccumulator F, ErrorAccumulator P, ErrorAccumulator L)>());
            long bytesRead = 0;
            var done = 0;
            foreach (var tensor in plan.Tensors)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (tensor.IsFloatingPoint && tensor.ElementCount > 0)
                    bytesRead += ForecastTensor(plan, forecasters.For(tensor.Name), tensor, inputs, initial, observed, actuals, outputs, metrics, settings.NanPolicy, cancellationToken);
                else
                    bytesRead += CarryTensor(tensor, observed, outputs, cancellationToken);
                if (++done % 16 == 0 || done == plan.Tensors.Count)
                    progress?.Report($"applied {done}/{plan.Tensors.Count} tensors");
            }

            var results = new List<HorizonOutput>();
            for (var i = 0; i < plan.Horizons.Count; i++)
            {
                var horizon = plan.Horizons[i];
                outputs[i].Commit();
                var path = outputs[i].Path;
                results.Add(new HorizonOutput(horizon, path, actuals[horizon] is null ? null : Summarise(metrics[horizon])));
            }
            return new ApplyResult(results, bytesRead, outputs.Sum(o => o.Tensors.Sum(t => t.ByteLength)), clock.Elapsed);
        }
        finally
        {
            foreach (var output in outputs)
                output.Dispose(); // deletes anything not committed
            foreach (var reader in inputs.Append(initial).Append(observed).Concat(actuals.Values.OfType<ICheckpointReader>()))
                reader.Dispose();
        }
    }

    private static long ForecastTensor(
        JobPlan plan, FittedForecaster forecaster, TensorInfo tensor, IReadOnlyList<ICheckpointReader> inputs,
        ICheckpointReader initial, ICheckpointReader observed, IReadOnlyDictionary<int, ICheckpointReader?> actuals,
        IReadOnlyList<ICheckpointWriter> outputs, Dictionary<int, List<(string, long, ErrorAccumulator F, ErrorAccumulator P, ErrorAccumulator L)>> metrics,
        NanPolicy nanPolicy, CancellationToken cancellationToken)
    {
        var length = (int)Math.Min(ChunkElements, tensor.ElementCount);
        var inputBuffers = inputs.Select(_ => new float[length]).ToArray();
        var first = new float[length];
        var last = new float[length];
        var actual = new float[length];
        var forecast = new float[length];
        var baseline = new float[length];
        var accumulators = plan.Horizons.ToDictionary(h => h, _ => (F: new ErrorAccumulator(), P: new ErrorAccumulator(), L: new ErrorAccumulator()));
        long read = 0;
        for (long offset = 0; offset < tensor.ElementCount; offset += length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = (int)Math.Min(length, tensor.ElementCount - offset);
            var chunks = new ReadOnlyMemory<float>[inputs.Count];
            for (var j = 0; j < inputs.Count; j++)
            {
                inputs[j].ReadSingles(tensor.Name, offset, inputBuffers[j].AsSpan(0, n));
                NonFiniteCheck.Check(inputBuffers[j].AsSpan(0, n), inputs[j].Path, tensor.Name, nanPolicy);
                chunks[j] = inputBuffers[j].AsMemory(0, n);
                read += n * (long)tensor.DType.ElementSize();
            }
            var needBaselines = actuals.Values.Any(a => a is not null);
            if (needBaselines)
            {
                initial.ReadSingles(tensor.Name, offset, first.AsSpan(0, n));
                observed.ReadSingles(tensor.Name, offset, last.AsSpan(0, n));
            }
            for (var i = 0; i < plan.Horizons.Count; i++)
            {
                var horizon = plan.Horizons[i];
                forecaster.Apply(forecaster.HorizonIndex(horizon), chunks, forecast.AsSpan(0, n));
                outputs[i].WriteSingles(tensor.Name, offset, forecast.AsSpan(0, n));
                if (actuals[horizon] is not { } truth)
                    continue;
                truth.ReadSingles(tensor.Name, offset, actual.AsSpan(0, n));
                read += n * (long)tensor.DType.ElementSize();
                var acc = accumulators[horizon];
                acc.F.Add(forecast.AsSpan(0, n), actual.AsSpan(0, n));
                acc.P.Add(last.AsSpan(0, n), actual.AsSpan(0, n));
                Baselines.LinearExtrapolation(first.AsSpan(0, n), plan.InitialStep, last.AsSpan(0, n), plan.ObservedStep, horizon, baseline.AsSpan(0, n));
                acc.L.Add(baseline.AsSpan(0, n), actual.AsSpan(0, n));
            }
        }
        foreach (var horizon in plan.Horizons.Where(h => actuals[h] is not null))
        {
            var acc = accumulators[horizon];
            metrics[horizon].Add((tensor.Name, tensor.ElementCount, acc.F, acc.P, acc.L));
        }
        return read;
    }

    /// <summary>Integer tensors (step counters, buffers) are copied from w_n unchanged, never forecast.</summary>
    private static long CarryTensor(TensorInfo tensor, ICheckpointReader observed, IReadOnlyList<ICheckpointWriter> outputs, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(ChunkElements * 4L, Math.Max(1, tensor.ByteLength))];
        for (long offset = 0; offset < tensor.ByteLength; offset += buffer.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = (int)Math.Min(buffer.Length, tensor.ByteLength - offset);
            observed.ReadBytes(tensor.Name, offset, buffer.AsSpan(0, n));
            foreach (var output in outputs)
                output.WriteBytes(tensor.Name, offset, buffer.AsSpan(0, n));
        }
        return tensor.ByteLength;
    }

    private static BacktestErrors Summarise(List<(string Tensor, long Elements, ErrorAccumulator F, ErrorAccumulator P, ErrorAccumulator L)> rows)
    {
        ErrorAccumulator f = new(), p = new(), l = new();
        foreach (var row in rows)
        {
            f.Add(row.F);
            p.Add(row.P);
            l.Add(row.L);
        }
        return new BacktestErrors(f.Result(), p.Result(), l.Result(),
            rows.Select(r => (r.Tensor, r.Elements, r.F.Result(), r.P.Result(), r.L.Result())).ToList());
    }
}

/// <summary>How forecasts are written.</summary>
public sealed record ApplySettings(string OutputDirectory, DType? OutputDType, bool Backtest, NanPolicy NanPolicy, Func<int, IReadOnlyDictionary<string, string>> Metadata);
