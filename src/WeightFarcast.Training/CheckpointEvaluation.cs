namespace WeightFarcast.Training;

/// <summary>The evaluation-split loss and accuracy of the weights saved at one step.</summary>
public readonly record struct CheckpointEvaluation(long Step, double EvalLoss, double EvalAccuracy);
