namespace WeightFarcast.Checkpoints;

/// <summary>The file's bytes break the format's rules (or are a layout we refuse); never a bug in the caller.</summary>
public class CheckpointFormatException : CheckpointException
{
    public CheckpointFormatException(string filePath, string? tensorName, string reason, Exception? innerException = null)
        : base(filePath, tensorName, reason, innerException)
    {
    }

    public CheckpointFormatException(string filePath, string reason, Exception? innerException = null)
        : base(filePath, null, reason, innerException)
    {
    }
}
