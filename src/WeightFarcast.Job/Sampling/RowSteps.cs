using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Sampling;

/// <summary>
/// Which checkpoints of a run fill a map's training rows (<see cref="SourceInputs"/>, <see cref="SourceTargets"/>) and
/// the steps the fitted map is labelled with (<see cref="InputSteps"/>, <see cref="ObservedStep"/>,
/// <see cref="HorizonSteps"/>). For reference runs they coincide; self mode reads (s0, m) -> n but labels the map
/// (s0, n) -> H, the steps it is applied to. <see cref="FirstStep"/> feeds the regularizer, when there is one.
/// </summary>
public sealed record RowSteps(
    IReadOnlyList<int> SourceInputs,
    IReadOnlyList<int> SourceTargets,
    IReadOnlyList<int> InputSteps,
    int ObservedStep,
    IReadOnlyList<int> HorizonSteps,
    int? FirstStep)
{
    public static RowSteps ForReferences(JobPlan plan) =>
        new(plan.InputSteps, plan.Horizons, plan.InputSteps, plan.ObservedStep, plan.Horizons, plan.ReferenceFirstStep);

    /// <summary>No first step: without first-step deltas the fitting turns L_grad off (StepRegularizer.None); with a
    /// single horizon per map it would have no predicted pair to compare anyway.</summary>
    public static RowSteps ForSelf(JobPlan plan, SelfSimilarFit fit) =>
        new([plan.InitialStep, fit.RescaledStep], [plan.ObservedStep], plan.InputSteps, plan.ObservedStep, [fit.Horizon], null);
}
