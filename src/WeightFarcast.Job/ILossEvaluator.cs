using WeightFarcast.Job.Applying;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Reporting;

namespace WeightFarcast.Job;

/// <summary>Measures what users care about beyond weight error: the evaluation loss of the forecast weights,
/// of w_n, and of the actual weights at each horizon (when they exist).</summary>
public interface ILossEvaluator
{
    IReadOnlyDictionary<int, LossSection> Evaluate(JobPlan plan, ApplyResult applied, CancellationToken cancellationToken);
}
