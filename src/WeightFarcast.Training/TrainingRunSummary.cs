namespace WeightFarcast.Training;

/// <summary>What a run did: the minibatch loss of every update and the eval metrics at every saved step.</summary>
/// <param name="TrainLoss">TrainLoss[i] is the loss of the minibatch used by update StartStep+i+1 (computed with the weights before it).</param>
/// <param name="Checkpoints">One entry per checkpoint, in step order, starting at the run's start step (0 unless continuing).</param>
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
