namespace WeightFarcast.Checkpoints.Trajectories;

/// <summary>How a checkpoint differs from the reference of its trajectory.</summary>
public enum MismatchKind
{
    /// <summary>The reference has the tensor; the other checkpoint does not.</summary>
    MissingTensor,

    /// <summary>The other checkpoint has a tensor the reference does not.</summary>
    ExtraTensor,
    ShapeMismatch,
    DTypeMismatch,
}

/// <summary>One difference between two checkpoints, naming the tensor and both files.</summary>
public sealed record CheckpointMismatch(MismatchKind Kind, string TensorName, string ReferencePath, string OtherPath, string? Expected, string? Actual)
{
    public string Message => Kind switch
    {
        MismatchKind.MissingTensor => $"tensor '{TensorName}' is in {ReferencePath} but missing from {OtherPath}",
        MismatchKind.ExtraTensor => $"tensor '{TensorName}' is in {OtherPath} but not in {ReferencePath}",
        MismatchKind.ShapeMismatch => $"tensor '{TensorName}' has shape {Actual} in {OtherPath} but {Expected} in {ReferencePath}",
        _ => $"tensor '{TensorName}' has dtype {Actual} in {OtherPath} but {Expected} in {ReferencePath}",
    };

    public override string ToString() => Message;
}
