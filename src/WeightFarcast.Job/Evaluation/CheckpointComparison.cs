using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Trajectories;
using WeightFarcast.Forecasting;

namespace WeightFarcast.Job.Evaluation;

/// <summary>The result of `evaluate`: overall and per-tensor errors of a forecast against actual weights, plus the
/// persistence and linear-extrapolation baselines when w_0 and w_n are given.</summary>
public sealed record ComparisonResult(ErrorMetrics Forecast, ErrorMetrics? Persistence, ErrorMetrics? LinearExtrapolation, IReadOnlyList<TensorComparison> Tensors);

public sealed record TensorComparison(string Name, long Elements, ErrorMetrics Forecast, ErrorMetrics? Persistence, ErrorMetrics? LinearExtrapolation);

/// <summary>Streams two (or four) checkpoints tensor by tensor and compares them; memory stays at a few chunks.</summary>
public static class CheckpointComparison
{
    private const int ChunkElements = 1 << 20;

    /// <param name="baselines">w_0 and w_n with their steps, and the step the actual weights belong to.</param>
    public static ComparisonResult Compare(string forecastPath, string actualPath, (string Initial, int InitialStep, string Observed, int ObservedStep, int ActualStep)? baselines)
    {
        using var forecast = CheckpointReader.Open(forecastPath);
        using var actual = CheckpointReader.Open(actualPath);
        using var initial = baselines is { } b1 ? CheckpointReader.Open(b1.Initial) : null;
        using var observed = baselines is { } b2 ? CheckpointReader.Open(b2.Observed) : null;

        var mismatches = CheckpointCompatibility.Compare(actual, forecast).Where(m => m.Kind != MismatchKind.DTypeMismatch).ToList();
        foreach (var other in new[] { initial, observed }.OfType<ICheckpointReader>())
            mismatches.AddRange(CheckpointCompatibility.Compare(actual, other).Where(m => m.Kind != MismatchKind.DTypeMismatch));
        if (mismatches.Count > 0)
            throw new CheckpointMismatchException(actualPath, mismatches);

        ErrorAccumulator totalF = new(), totalP = new(), totalL = new();
        var rows = new List<TensorComparison>();
        foreach (var tensor in actual.Tensors.Where(t => t.IsFloatingPoint && t.ElementCount > 0))
        {
            ErrorAccumulator f = new(), p = new(), l = new();
            var length = (int)Math.Min(ChunkElements, tensor.ElementCount);
            float[] a = new float[length], x = new float[length], w0 = new float[length], wn = new float[length], lin = new float[length];
            for (long offset = 0; offset < tensor.ElementCount; offset += length)
            {
                var n = (int)Math.Min(length, tensor.ElementCount - offset);
                actual.ReadSingles(tensor.Name, offset, a.AsSpan(0, n));
                forecast.ReadSingles(tensor.Name, offset, x.AsSpan(0, n));
                f.Add(x.AsSpan(0, n), a.AsSpan(0, n));
                if (baselines is { } b)
                {
                    initial!.ReadSingles(tensor.Name, offset, w0.AsSpan(0, n));
                    observed!.ReadSingles(tensor.Name, offset, wn.AsSpan(0, n));
                    p.Add(wn.AsSpan(0, n), a.AsSpan(0, n));
                    Baselines.LinearExtrapolation(w0.AsSpan(0, n), b.InitialStep, wn.AsSpan(0, n), b.ObservedStep, b.ActualStep, lin.AsSpan(0, n));
                    l.Add(lin.AsSpan(0, n), a.AsSpan(0, n));
                }
            }
            totalF.Add(f);
            totalP.Add(p);
            totalL.Add(l);
            rows.Add(new TensorComparison(tensor.Name, tensor.ElementCount, f.Result(), baselines is null ? null : p.Result(), baselines is null ? null : l.Result()));
        }
        return new ComparisonResult(totalF.Result(), baselines is null ? null : totalP.Result(), baselines is null ? null : totalL.Result(), rows);
    }
}
