namespace WeightFarcast.Checkpoints.Statistics;

/// <summary>Thrown under <see cref="NonFinitePolicy.Fail"/> when tensors hold NaN or infinities; names every one.</summary>
public sealed class NonFiniteValuesException : CheckpointException
{
    public NonFiniteValuesException(string filePath, IReadOnlyList<NonFiniteTensor> tensors)
        : base(filePath, tensors.Count == 1 ? tensors[0].Name : null,
            $"{tensors.Count} tensor(s) hold NaN or infinite values: {string.Join(", ", tensors)}")
    {
        Tensors = tensors;
    }

    public IReadOnlyList<NonFiniteTensor> Tensors { get; }
}
