using TorchSharp;
using TorchSharp.Modules;
using WeightFarcast.TorchRuntime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training;

/// <summary>
/// Multi-head causal self-attention: one linear makes q, k and v (qkv.weight [3·width, width]), scores are
/// q·kᵀ/sqrt(head width) plus a −∞ mask above the diagonal, and proj mixes the heads back. No dropout.
/// </summary>
public sealed class CausalSelfAttention : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // The field names are the parameter-name prefixes.
    private readonly Linear qkv;
    private readonly Linear proj;
#pragma warning restore IDE1006
    private readonly Tensor _mask;
    private readonly KeptScalars _scalars;
    private readonly int _heads;
    private readonly double _scale;

    /// <param name="scalars">Owned by the model; used for every call that would otherwise make a temporary Scalar.</param>
    public CausalSelfAttention(CharLmShape shape, KeptScalars scalars, Generator generator) : base(nameof(CausalSelfAttention))
    {
        _scalars = scalars;
        _heads = shape.Heads;
        _scale = 1.0 / Math.Sqrt(shape.Width / shape.Heads);
        qkv = Linear(shape.Width, 3 * shape.Width);
        proj = Linear(shape.Width, shape.Width);
        using (var negativeInfinity = double.NegativeInfinity.ToScalar())
        using (var full = torch.full(shape.Context, shape.Context, negativeInfinity))
            _mask = full.triu(1).DetachFromDisposeScope();
        RegisterComponents();
        TransformerInit.Reset(qkv, generator);
        TransformerInit.Reset(proj, generator);
    }

    /// <param name="input">[batch, time, width] with time at most the shape's context.</param>
    public override Tensor forward(Tensor input)
    {
        var (batch, time, width) = (input.shape[0], input.shape[1], input.shape[2]);
        var headWidth = width / _heads;
        using var scope = NewDisposeScope();
        var parts = qkv.forward(input).chunk(3, -1);
        Tensor Heads(Tensor t) => t.view(batch, time, _heads, headWidth).transpose(1, 2);
        var (q, k, v) = (Heads(parts[0]), Heads(parts[1]), Heads(parts[2]));
        var mask = _mask.narrow(0, 0, time).narrow(1, 0, time);
        var scores = q.matmul(k.transpose(-2, -1)).mul(_scalars[_scale]).add(mask, _scalars.One);
        var mixed = functional.softmax(scores, -1).matmul(v).transpose(1, 2).reshape(batch, time, width);
        return proj.forward(mixed).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            qkv.Dispose();
            proj.Dispose();
            _mask.Dispose();
        }
        base.Dispose(disposing);
    }
}
