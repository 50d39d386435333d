using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.DTypes;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>
/// A transformer-like tensor table with exactly N float parameters: an embedding holding about a quarter of them
/// (the one very large tensor), then blocks of q/k/v/o [d,d], up [4d,d], down [d,4d] and two norms [d], a final norm,
/// and one I64 step counter (carried, not forecast). d is the largest power of two up to 4096 that leaves at least
/// 8 blocks, so small N still gives many tensors.
/// </summary>
public static class ThroughputModelLayout
{
    private const int MaxWidth = 4096;
    private const int MinBlocks = 8;

    public static IReadOnlyList<TensorInfo> Create(long parameters, DType dtype)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters, 1024);
        var blockBudget = parameters * 3 / 4;
        long d = 16;
        while (d * 2 <= MaxWidth && PerBlock(d * 2) * MinBlocks <= blockBudget)
            d *= 2;
        var blocks = Math.Max(1, blockBudget / PerBlock(d));
        while (blocks > 1 && blocks * PerBlock(d) + d > parameters)
            blocks--;
        var rest = parameters - blocks * PerBlock(d) - d;
        if (rest < d)
            throw new ArgumentOutOfRangeException(nameof(parameters), $"{parameters} parameters are too few for a block of width {d}");

        var tensors = new List<TensorInfo> { new("model.embed_tokens.weight", dtype, rest / d, d) };
        for (var b = 0; b < blocks; b++)
        {
            var prefix = $"model.layers.{b}.";
            foreach (var name in (string[])["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj"])
                tensors.Add(new TensorInfo(prefix + name + ".weight", dtype, d, d));
            tensors.Add(new TensorInfo(prefix + "mlp.up_proj.weight", dtype, 4 * d, d));
            tensors.Add(new TensorInfo(prefix + "mlp.down_proj.weight", dtype, d, 4 * d));
            tensors.Add(new TensorInfo(prefix + "input_layernorm.weight", dtype, d));
            tensors.Add(new TensorInfo(prefix + "post_attention_layernorm.weight", dtype, d));
        }
        tensors.Add(new TensorInfo("model.norm.weight", dtype, d));
        if (rest % d > 0)
            tensors.Add(new TensorInfo("lm_head.bias", dtype, rest % d));
        tensors.Add(new TensorInfo("step", DType.I64, 1));
        return tensors;
    }

    private static long PerBlock(long d) => 12 * d * d + 2 * d;
}
