using WeightFarcast.Job.Applying;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Reporting;

namespace WeightFarcast.Job.Acceptance;

/// <summary>
/// not-worse-than-observed: evaluates w_n and every forecast with the user's command; a forecast is accepted when its
/// loss is at most w_n's. A forecast whose evaluation fails is rejected with the reason; when w_n itself cannot be
/// evaluated no forecast can be verified, so all are rejected.
/// </summary>
public static class AcceptanceGate
{
    public static IReadOnlyDictionary<int, AcceptanceSection> Evaluate(AcceptanceConfig config, JobPlan plan, ApplyResult applied, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(config.TimeoutSeconds);
        var observed = EvaluationCommand.Run(config.Command!, plan.Target.PathFor(plan.ObservedStep), timeout, cancellationToken);
        var result = new Dictionary<int, AcceptanceSection>();
        foreach (var horizon in applied.Horizons)
        {
            if (observed.Loss is not { } baseline)
            {
                result[horizon.Step] = new AcceptanceSection(null, null, false, $"w_n could not be evaluated: {observed.Failure}");
                continue;
            }
            var forecast = EvaluationCommand.Run(config.Command!, horizon.Path, timeout, cancellationToken);
            result[horizon.Step] = forecast.Loss is { } loss
                ? new AcceptanceSection(loss, baseline, loss <= baseline, loss <= baseline ? null : $"loss {ReportWriter.Number(loss)} is worse than w_n's {ReportWriter.Number(baseline)}")
                : new AcceptanceSection(null, baseline, false, $"evaluation failed: {forecast.Failure}");
        }
        return result;
    }
}
