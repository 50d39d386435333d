using TorchSharp.Modules;
using WeightFarcast.TorchRuntime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training;

/// <summary>A pre-norm decoder block: x + attn(ln1(x)), then x + mlp_proj(gelu(mlp_fc(ln2(x)))).</summary>
public sealed class TransformerBlock : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // The field names are the parameter-name prefixes.
    private readonly LayerNorm ln1;
    private readonly CausalSelfAttention attn;
    private readonly LayerNorm ln2;
    private readonly Linear mlp_fc;
    private readonly Linear mlp_proj;
#pragma warning restore IDE1006
    private readonly KeptScalars _scalars;

    public TransformerBlock(CharLmShape shape, KeptScalars scalars, Generator generator) : base(nameof(TransformerBlock))
    {
        _scalars = scalars;
        ln1 = LayerNorm(shape.Width);
        attn = new CausalSelfAttention(shape, scalars, generator);
        ln2 = LayerNorm(shape.Width);
        mlp_fc = Linear(shape.Width, shape.MlpWidth);
        mlp_proj = Linear(shape.MlpWidth, shape.Width);
        RegisterComponents();
        TransformerInit.Reset(mlp_fc, generator);
        TransformerInit.Reset(mlp_proj, generator);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.add(attn.forward(ln1.forward(input)), _scalars.One);
        var mlp = mlp_proj.forward(functional.gelu(mlp_fc.forward(ln2.forward(x))));
        return x.add(mlp, _scalars.One).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ln1.Dispose();
            attn.Dispose();
            ln2.Dispose();
            mlp_fc.Dispose();
            mlp_proj.Dispose();
        }
        base.Dispose(disposing);
    }
}
