using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Reading;

namespace WeightFarcast.Checkpoints.Trajectories;

/// <summary>Checks that checkpoints share tensor names, shapes and dtypes (what forecasting across steps needs).</summary>
public static class CheckpointCompatibility
{
    /// <summary>Every difference: reference tensors missing or different in <paramref name="other"/>, then extras.</summary>
    public static IReadOnlyList<CheckpointMismatch> Compare(ICheckpointReader reference, ICheckpointReader other)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(other);
        var mismatches = new List<CheckpointMismatch>();
        foreach (var expected in reference.Tensors)
        {
            if (!other.TryGetTensor(expected.Name, out var actual))
            {
                mismatches.Add(new(MismatchKind.MissingTensor, expected.Name, reference.Path, other.Path, null, null));
                continue;
            }
            if (!expected.Shape.AsSpan().SequenceEqual(actual.Shape.AsSpan()))
                mismatches.Add(new(MismatchKind.ShapeMismatch, expected.Name, reference.Path, other.Path, expected.ShapeText, actual.ShapeText));
            if (expected.DType != actual.DType)
                mismatches.Add(new(MismatchKind.DTypeMismatch, expected.Name, reference.Path, other.Path,
                    expected.DType.SafetensorsName(), actual.DType.SafetensorsName()));
        }
        foreach (var extra in other.Tensors.Where(t => !reference.TryGetTensor(t.Name, out _)))
            mismatches.Add(new(MismatchKind.ExtraTensor, extra.Name, reference.Path, other.Path, null, null));
        return mismatches;
    }

    /// <summary>Throws <see cref="CheckpointMismatchException"/> listing all mismatches, if there are any.</summary>
    public static void EnsureCompatible(ICheckpointReader reference, ICheckpointReader other)
    {
        var mismatches = Compare(reference, other);
        if (mismatches.Count > 0)
            throw new CheckpointMismatchException(other.Path, mismatches);
    }

    /// <summary>Opens every step after the first and compares it with the first; returns all mismatches.</summary>
    public static IReadOnlyList<CheckpointMismatch> Compare(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        using var reference = trajectory.Open(trajectory.Steps[0]);
        var mismatches = new List<CheckpointMismatch>();
        foreach (var step in trajectory.Steps.Skip(1))
        {
            using var other = trajectory.Open(step);
            mismatches.AddRange(Compare(reference, other));
        }
        return mismatches;
    }

    /// <summary>Tensors to carry through unchanged (integer and bool tensors: step counters, masks, ids).</summary>
    public static IReadOnlyList<TensorInfo> PassThroughTensors(ICheckpointReader reader) =>
        reader.Tensors.Where(t => !t.IsFloatingPoint).ToList();
}
