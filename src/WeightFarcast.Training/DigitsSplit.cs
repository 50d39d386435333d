namespace WeightFarcast.Training;

/// <summary>Which rows of a task's data to use: the training rows, the held-out rows, or every row.</summary>
public enum DigitsSplit
{
    Train,
    Eval,
    All,
}
