namespace WeightFarcast.Checkpoints.Statistics;

/// <summary>What to do when a checkpoint holds NaN or infinite values.</summary>
public enum NonFinitePolicy
{
    /// <summary>Refuse the checkpoint (a diverged run should not be forecast from).</summary>
    Fail,

    /// <summary>Report the tensors and continue; the values are carried through as they are.</summary>
    CarryThrough,
}
