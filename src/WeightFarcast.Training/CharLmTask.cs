using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training;

/// <summary>
/// Next-character prediction on one <see cref="TextCorpus"/> with a <see cref="CharTransformerLm"/>.
/// Loss: mean token cross-entropy over every position of the batch. Evaluation: the split cut into consecutive
/// non-overlapping windows of <c>context</c> predicted tokens (the tail shorter than a window is dropped);
/// loss is the mean cross-entropy per predicted token, accuracy the top-1 next-character accuracy, and
/// <see cref="EvaluationResult.Rows"/> the number of predicted tokens.
/// </summary>
public sealed class CharLmTask : ITrainingTask
{
    // Windows per forward pass during evaluation: bounds memory, not the result.
    private const int EvalWindowsPerPass = 128;

    private readonly Lazy<int[]> _train;

    public CharLmTask(TextCorpus corpus, CharLmShape? shape = null)
    {
        Corpus = corpus ?? throw new ArgumentNullException(nameof(corpus));
        Shape = shape ?? CharLmShape.Default;
        Shape.Validate();
        _train = new Lazy<int[]>(() => Corpus.Select(DigitsSplit.Train));
    }

    /// <summary>Pre-training task: the Devil's Dictionary.</summary>
    public static CharLmTask DevilsDictionary { get; } = new(TextCorpus.DevilsDictionary);

    /// <summary>Fine-tuning task: Genesis (World English Bible); start it from a DevilsDictionary run's weights.</summary>
    public static CharLmTask Genesis { get; } = new(TextCorpus.Genesis);

    public TextCorpus Corpus { get; }

    public CharLmShape Shape { get; }

    public string Name => $"char-lm-{Corpus.Name}";

    public Module<Tensor, Tensor> CreateModel(Generator generator) => new CharTransformerLm(Shape, generator);

    public ITrainBatches OpenTrainBatches(int batchSize, ulong seed) => new TextTrainBatches(_train.Value, batchSize, Shape.Context, seed);

    public Tensor Loss(Tensor outputs, Tensor targets)
    {
        using var logits = outputs.reshape(-1, outputs.shape[^1]);
        using var flatTargets = targets.reshape(-1);
        return functional.cross_entropy(logits, flatTargets);
    }

    public EvaluationResult Evaluate(Module<Tensor, Tensor> model, DigitsSplit split)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tokens = Corpus.Select(split);
        var context = Shape.Context;
        var windows = (tokens.Length - 1) / context;
        if (windows < 1)
            throw new InvalidOperationException($"the {split} split of {Corpus.Name} has {tokens.Length} tokens, fewer than one window of {context + 1}");
        var wasTraining = model.training;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        try
        {
            double lossSum = 0;
            long correct = 0;
            for (var first = 0; first < windows; first += EvalWindowsPerPass)
            {
                using var passScope = NewDisposeScope();
                var count = Math.Min(EvalWindowsPerPass, windows - first);
                var inputs = new long[count * context];
                var targets = new long[count * context];
                for (var i = 0; i < inputs.Length; i++)
                {
                    inputs[i] = tokens[first * context + i];
                    targets[i] = tokens[first * context + i + 1];
                }
                var logits = model.forward(tensor(inputs, [count, context])).reshape(-1, CharVocabulary.Size);
                var labels = tensor(targets);
                lossSum += functional.cross_entropy(logits, labels, reduction: Reduction.Sum).to_type(ScalarType.Float64).item<double>();
                correct += logits.argmax(1).eq(labels).sum().item<long>();
            }
            var predicted = windows * context;
            return new EvaluationResult(lossSum / predicted, (double)correct / predicted, predicted);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
