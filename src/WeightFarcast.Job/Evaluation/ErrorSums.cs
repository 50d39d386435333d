namespace WeightFarcast.Job.Evaluation;

/// <summary>The raw sums behind an <see cref="ErrorAccumulator"/>: stored by shard runs so a merge can add them in
/// the single-process order and get bit-identical metrics (doubles round-trip exactly through JSON).</summary>
public sealed record ErrorSums(long Count, double SquaredError, double AbsoluteError, double ActualSquared, double PredictedSquared, double Dot);
