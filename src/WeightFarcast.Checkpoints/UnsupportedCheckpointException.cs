namespace WeightFarcast.Checkpoints;

/// <summary>A layout we recognise but do not read (DeepSpeed, FSDP/DCP, legacy torch); carries the command that converts it.</summary>
public sealed class UnsupportedCheckpointException : CheckpointFormatException
{
    public UnsupportedCheckpointException(string filePath, string layout, string conversionCommand)
        : base(filePath, $"{layout} checkpoints are not read directly. Convert it first:{Environment.NewLine}  {conversionCommand}")
    {
        Layout = layout;
        ConversionCommand = conversionCommand;
    }

    /// <summary>What was detected, e.g. "DeepSpeed ZeRO".</summary>
    public string Layout { get; }

    /// <summary>The shell command that converts the checkpoint to something we read.</summary>
    public string ConversionCommand { get; }
}
