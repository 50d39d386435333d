using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace WeightFarcast.Training.Tests;

/// <summary>
/// A one-parameter task whose loss is the parameter itself (gradient exactly 1 every step): with Adam(W) and no
/// weight decay each update then moves the parameter by exactly the learning rate used, which makes the rate visible.
/// Evaluation reports the parameter's value as the loss.
/// </summary>
internal sealed class ScalarParameterTask : ITrainingTask
{
    public string Name => "scalar-parameter";

    public Module<Tensor, Tensor> CreateModel(Generator generator) => new ScalarModel();

    public ITrainBatches OpenTrainBatches(int batchSize, ulong seed) => new EmptyBatches();

    public Tensor Loss(Tensor outputs, Tensor targets) => outputs.sum();

    public EvaluationResult Evaluate(Module<Tensor, Tensor> model, DigitsSplit split)
    {
        using var noGrad = no_grad();
        return new EvaluationResult(model.parameters().Single().item<float>(), 0, 1);
    }

    private sealed class ScalarModel : Module<Tensor, Tensor>
    {
#pragma warning disable IDE1006 // The field name is the parameter name.
        private readonly TorchSharp.Modules.Parameter p;
#pragma warning restore IDE1006

        public ScalarModel() : base(nameof(ScalarModel))
        {
            p = Parameter(zeros(1));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => p.mul(input);
    }

    private sealed class EmptyBatches : ITrainBatches
    {
        public (Tensor Inputs, Tensor Targets) Next() => (ones(1), zeros(1));

        public void Dispose()
        {
        }
    }
}
