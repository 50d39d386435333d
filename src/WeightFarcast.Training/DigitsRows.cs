using static TorchSharp.torch;

namespace WeightFarcast.Training;

/// <summary>Rows of one split as plain arrays: <see cref="Features"/> row-major [Count x 64], <see cref="Labels"/> [Count].</summary>
public sealed record DigitsRows(float[] Features, int[] Labels)
{
    public int Count => Labels.Length;

    /// <summary>Features as a float32 tensor [Count, 64]; the caller owns it (or its dispose scope does).</summary>
    public Tensor FeaturesTensor() => tensor(Features, [Count, DigitsDataset.FeatureCount]);

    /// <summary>Labels as an int64 tensor [Count], the dtype cross-entropy expects.</summary>
    public Tensor LabelsTensor() => tensor(Labels.Select(l => (long)l).ToArray(), [Count]);
}
