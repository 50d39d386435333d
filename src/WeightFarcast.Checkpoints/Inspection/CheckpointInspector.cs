using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Statistics;
using WeightFarcast.Checkpoints.Trajectories;

namespace WeightFarcast.Checkpoints.Inspection;

/// <summary>Builds inspection reports; statistics take one streaming pass per tensor.</summary>
public static class CheckpointInspector
{
    public static CheckpointInspection Inspect(ICheckpointReader reader, bool computeStatistics = true)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var tensors = reader.Tensors
            .Select(t => new TensorInspection(t, computeStatistics ? TensorStatisticsCalculator.Compute(reader, t.Name) : null))
            .ToList();
        return new CheckpointInspection(reader.Path, reader.Format, reader.Metadata, tensors);
    }

    public static CheckpointInspection Inspect(string path, bool computeStatistics = true)
    {
        using var reader = CheckpointReader.Open(path);
        return Inspect(reader, computeStatistics);
    }

    /// <summary>Compares every step with the first and inspects the first step.</summary>
    public static TrajectoryInspection Inspect(Trajectory trajectory, bool computeStatistics = true)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var mismatches = CheckpointCompatibility.Compare(trajectory);
        var reference = Inspect(trajectory.PathFor(trajectory.Steps[0]), computeStatistics);
        return new TrajectoryInspection(trajectory.Pattern, trajectory.Steps, mismatches, reference);
    }
}
