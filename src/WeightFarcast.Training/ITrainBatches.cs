using static TorchSharp.torch;

namespace WeightFarcast.Training;

/// <summary>An endless, seeded stream of training minibatches for one run.</summary>
public interface ITrainBatches : IDisposable
{
    /// <summary>The next minibatch; the tensors belong to the caller's current dispose scope.</summary>
    (Tensor Inputs, Tensor Targets) Next();
}
