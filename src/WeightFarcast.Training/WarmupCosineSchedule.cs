namespace WeightFarcast.Training;

/// <summary>
/// Linear warm-up then cosine decay, as a factor of the optimizer's base learning rate, for update number s (1-based,
/// the update that produces the step-s weights): s/W for s ≤ W; then m + (1 − m)·½(1 + cos(π·min(1, (s − W)/(T − W)))),
/// with W = <paramref name="WarmupSteps"/>, T = <paramref name="TotalSteps"/> and m = <paramref name="MinFactor"/>.
/// T is the schedule's length, not the run's: a run continued from step n (StartStep = n) goes on from factor(n + 1).
/// </summary>
public sealed record WarmupCosineSchedule(int WarmupSteps, int TotalSteps, double MinFactor = 0.1)
{
    public double Factor(long step)
    {
        if (step < 1)
            throw new ArgumentOutOfRangeException(nameof(step), step, "updates are numbered from 1");
        if (step <= WarmupSteps)
            return (double)step / WarmupSteps;
        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps));
        return MinFactor + (1 - MinFactor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }

    internal void Validate()
    {
        if (WarmupSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(WarmupSteps), WarmupSteps, "warm-up steps must be >= 0");
        if (TotalSteps <= WarmupSteps)
            throw new ArgumentOutOfRangeException(nameof(TotalSteps), TotalSteps, $"total steps must exceed the {WarmupSteps} warm-up steps");
        if (!(MinFactor >= 0 && MinFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(MinFactor), MinFactor, "the minimum factor must be in [0, 1]");
    }
}
