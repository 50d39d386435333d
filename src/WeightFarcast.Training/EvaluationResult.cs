namespace WeightFarcast.Training;

/// <summary>Mean cross-entropy loss and top-1 accuracy (0..1) over the rows of one split.</summary>
public readonly record struct EvaluationResult(double CrossEntropyLoss, double Accuracy, int Rows);
