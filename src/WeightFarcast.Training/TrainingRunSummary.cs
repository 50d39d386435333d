namespace WeightFarcast.Training;

/// <summary>What a run did: the minibatch loss of every update and the eval metrics at every saved step.</summary>
/// <param name="TrainLoss">TrainLoss[i] is the loss of the minibatch used by update i+1 (computed with the step-i weights).</param>
/// <param name="Checkpoints">One entry per checkpoint, in step order, starting at step 0.</param>
public sealed record TrainingRunSummary(
    string Task,
    int Seed,
    int Steps,
    IReadOnlyList<float> TrainLoss,
    IReadOnlyList<CheckpointEvaluation> Checkpoints,
    TimeSpan Elapsed)
{
    public CheckpointEvaluation Initial => Checkpoints[0];

    public CheckpointEvaluation Final => Checkpoints[^1];
}
