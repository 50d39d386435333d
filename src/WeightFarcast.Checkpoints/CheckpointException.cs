namespace WeightFarcast.Checkpoints;

/// <summary>A checkpoint could not be read or written; names the file and, where known, the tensor.</summary>
public class CheckpointException : Exception
{
    public CheckpointException(string filePath, string? tensorName, string reason, Exception? innerException = null)
        : base(Compose(filePath, tensorName, reason), innerException)
    {
        FilePath = filePath;
        TensorName = tensorName;
        Reason = reason;
    }

    public CheckpointException(string filePath, string reason, Exception? innerException = null)
        : this(filePath, null, reason, innerException)
    {
    }

    /// <summary>The checkpoint file or folder concerned.</summary>
    public string FilePath { get; }

    /// <summary>The tensor concerned, when the problem belongs to one.</summary>
    public string? TensorName { get; }

    /// <summary>The problem without the file and tensor prefix.</summary>
    public string Reason { get; }

    private static string Compose(string filePath, string? tensorName, string reason) =>
        tensorName is null ? $"{filePath}: {reason}" : $"{filePath}: tensor '{tensorName}': {reason}";
}
