using WeightFarcast.Checkpoints.Statistics;
using WeightFarcast.Checkpoints.Trajectories;

namespace WeightFarcast.Checkpoints.Inspection;

/// <summary>One tensor's layout and, when computed, its statistics.</summary>
public sealed record TensorInspection(TensorInfo Tensor, TensorStatistics? Statistics);

/// <summary>What a checkpoint holds: where it is, its format and metadata, and every tensor.</summary>
public sealed record CheckpointInspection(
    string Path,
    CheckpointFormat Format,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<TensorInspection> Tensors)
{
    public long TotalBytes => Tensors.Sum(t => t.Tensor.ByteLength);
}

/// <summary>A trajectory: its steps, whether every step matches the first, all mismatches, and the first step's inspection.</summary>
public sealed record TrajectoryInspection(
    string Pattern,
    IReadOnlyList<long> Steps,
    IReadOnlyList<CheckpointMismatch> Mismatches,
    CheckpointInspection Reference)
{
    public bool Consistent => Mismatches.Count == 0;
}
