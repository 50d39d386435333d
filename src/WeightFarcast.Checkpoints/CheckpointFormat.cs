namespace WeightFarcast.Checkpoints;

/// <summary>The on-disk layout a checkpoint was read from.</summary>
public enum CheckpointFormat
{
    Safetensors,
    ShardedSafetensors,
    PyTorchZip,
    ShardedPyTorch,
}
