using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training;

/// <summary>
/// Classification of the embedded digits with cross-entropy: the data, batches and evaluation shared by every
/// digits model. A subclass only names itself and builds its model, which maps rows [N, 64] to logits [N, 10].
/// </summary>
public abstract class DigitsTask : ITrainingTask
{
    private readonly Lazy<DigitsRows> _train;
    private readonly Lazy<DigitsRows> _eval;
    private readonly Lazy<DigitsRows> _all;

    protected DigitsTask(DigitsDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        _train = new Lazy<DigitsRows>(() => dataset.Select(DigitsSplit.Train));
        _eval = new Lazy<DigitsRows>(() => dataset.Select(DigitsSplit.Eval));
        _all = new Lazy<DigitsRows>(() => dataset.Select(DigitsSplit.All));
    }

    public abstract string Name { get; }

    public abstract Module<Tensor, Tensor> CreateModel(Generator generator);

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
