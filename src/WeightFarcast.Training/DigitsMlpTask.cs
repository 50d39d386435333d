using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training;

/// <summary>The first training task: <see cref="DigitsMlp"/> on the embedded digits, cross-entropy loss.</summary>
public sealed class DigitsMlpTask : ITrainingTask
{
    public static DigitsMlpTask Instance { get; } = new(DigitsDataset.Embedded);

    private readonly DigitsDataset _dataset;
    private readonly Lazy<DigitsRows> _train;
    private readonly Lazy<DigitsRows> _eval;
    private readonly Lazy<DigitsRows> _all;

    public DigitsMlpTask(DigitsDataset dataset)
    {
        _dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        _train = new Lazy<DigitsRows>(() => _dataset.Select(DigitsSplit.Train));
        _eval = new Lazy<DigitsRows>(() => _dataset.Select(DigitsSplit.Eval));
        _all = new Lazy<DigitsRows>(() => _dataset.Select(DigitsSplit.All));
    }

    public string Name => "digits-mlp";

    public Module<Tensor, Tensor> CreateModel(Generator generator) => new DigitsMlp(generator);

    public ITrainBatches OpenTrainBatches(int batchSize, ulong seed) => new DigitsTrainBatches(_train.Value, batchSize, seed);

    public Tensor Loss(Tensor outputs, Tensor targets) => functional.cross_entropy(outputs, targets);

    public EvaluationResult Evaluate(Module<Tensor, Tensor> model, DigitsSplit split)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = RowsOf(split);
        var wasTraining = model.training;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        try
        {
            var logits = model.forward(rows.FeaturesTensor());
            var labels = rows.LabelsTensor();
            var loss = functional.cross_entropy(logits, labels).item<float>();
            var correct = logits.argmax(1).eq(labels).sum().item<long>();
            return new EvaluationResult(loss, (double)correct / rows.Count, rows.Count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private DigitsRows RowsOf(DigitsSplit split) => split switch
    {
        DigitsSplit.Train => _train.Value,
        DigitsSplit.Eval => _eval.Value,
        DigitsSplit.All => _all.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };
}
