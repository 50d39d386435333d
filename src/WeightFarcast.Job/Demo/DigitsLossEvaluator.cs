using WeightFarcast.Job.Applying;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Reporting;
using WeightFarcast.Training;

namespace WeightFarcast.Job.Demo;

/// <summary>Evaluation loss on the digits evaluation split for the forecast, w_n and the actual weights.</summary>
public sealed class DigitsLossEvaluator : ILossEvaluator
{
    public IReadOnlyDictionary<int, LossSection> Evaluate(JobPlan plan, ApplyResult applied, CancellationToken cancellationToken)
    {
        double Loss(string path) => WeightsEvaluator.Evaluate(NamedWeightsFiles.Read(path), DigitsSplit.Eval).CrossEntropyLoss;
        var observed = Loss(plan.Target.PathFor(plan.ObservedStep));
        var result = new Dictionary<int, LossSection>();
        foreach (var horizon in applied.Horizons)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double? actual = plan.Target.Has(horizon.Step) ? Loss(plan.Target.PathFor(horizon.Step)) : null;
            result[horizon.Step] = new LossSection(Loss(horizon.Path), observed, actual);
        }
        return result;
    }
}
