using TorchSharp.Modules;
using WeightFarcast.TorchRuntime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training;

/// <summary>
/// A small character-level decoder-only transformer: token embedding + learned positional embedding, pre-norm
/// <see cref="TransformerBlock"/>s, a final LayerNorm and an untied linear head to <see cref="CharVocabulary.Size"/>
/// logits. Input int64 tokens [batch, time ≤ context]; output logits [batch, time, vocabulary]. No dropout.
/// With the default shape (context 64, width 64, 4 heads, 2 layers, MLP 256) it has 116,480 parameters; in the
/// model's order (TorchSharp lists a module's own parameters before its submodules'): pos_emb [64,64], tok_emb.weight [96,64], blocks.{i}.ln1.{weight,bias} [64], blocks.{i}.attn.qkv.weight [192,64],
/// blocks.{i}.attn.qkv.bias [192], blocks.{i}.attn.proj.{weight [64,64], bias [64]}, blocks.{i}.ln2.{weight,bias},
/// blocks.{i}.mlp_fc.{weight [256,64], bias [256]}, blocks.{i}.mlp_proj.{weight [64,256], bias [64]},
/// ln_f.{weight,bias} [64], head.weight [96,64].
/// </summary>
public sealed class CharTransformerLm : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // The field names are the parameter-name prefixes.
    private readonly Embedding tok_emb;
    private readonly Parameter pos_emb;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm ln_f;
    private readonly Linear head;
#pragma warning restore IDE1006
    private readonly KeptScalars _scalars = new();

    public CharTransformerLm(CharLmShape shape, Generator generator) : base(nameof(CharTransformerLm))
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(generator);
        shape.Validate();
        Shape = shape;
        tok_emb = Embedding(CharVocabulary.Size, shape.Width);
        pos_emb = Parameter(zeros(shape.Context, shape.Width));
        blocks = new ModuleList<TransformerBlock>();
        ln_f = LayerNorm(shape.Width);
        head = Linear(shape.Width, CharVocabulary.Size, hasBias: false);
        // Drawn in this order: embeddings, then block by block, then the head.
        TransformerInit.Normal(tok_emb.weight!, generator);
        TransformerInit.Normal(pos_emb, generator);
        for (var i = 0; i < shape.Layers; i++)
            blocks.Add(new TransformerBlock(shape, _scalars, generator));
        TransformerInit.Reset(head, generator);
        RegisterComponents();
    }

    public CharLmShape Shape { get; }

    public override Tensor forward(Tensor tokens)
    {
        var time = tokens.shape[1];
        using var scope = NewDisposeScope();
        var x = tok_emb.forward(tokens).add(pos_emb.narrow(0, 0, time), _scalars.One);
        foreach (var block in blocks)
            x = block.forward(x);
        return head.forward(ln_f.forward(x)).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            tok_emb.Dispose();
            pos_emb.Dispose();
            foreach (var block in blocks)
                block.Dispose();
            ln_f.Dispose();
            head.Dispose();
            _scalars.Dispose();
        }
        base.Dispose(disposing);
    }
}
