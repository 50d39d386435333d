using WeightFarcast.Job.Applying;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Fitting;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Sampling;

namespace WeightFarcast.Job.Reporting;

/// <summary>Assembles report.json's content from what each stage produced.</summary>
public static class ReportBuilder
{
    public static FarcastReport Build(EffectiveSettings settings, JobPlan plan, ForecasterSet forecasters, long rows, ApplyResult applied, TimingSection timings)
    {
        var config = settings.Config;
        var best = forecasters.Any;
        var forecastTensors = plan.ForecastTensors.Count();
        return new FarcastReport
        {
            ToolVersion = ToolInfo.Version,
            CreatedAt = DateTimeOffset.UtcNow,
            ConfigFile = settings.ConfigFile,
            Target = new TargetSection(plan.Target.Spec, plan.TargetFormat.ToString(), plan.InitialStep, plan.ObservedStep, plan.InputSteps,
                plan.Tensors.Count, forecastTensors, plan.ForecastParameterCount, plan.Tensors.Count - forecastTensors),
            References = plan.References.Select(r => r.Spec).ToList(),
            Fit = new FitSection
            {
                Inputs = InputSchemes.Label(plan.Scheme),
                Groups = forecasters.IsGlobal ? "global" : "tensor",
                Source = forecasters.LoadedFrom is null ? config.Forecaster.Source : null,
                SelfFits = plan.SelfFits.Count > 0 ? plan.SelfFits : null,
                LoadedFrom = forecasters.LoadedFrom,
                Rows = rows,
                Epochs = forecasters.Groups.Values.Max(f => f.Epochs),
                BestEpoch = best.BestEpoch,
                BestTrainLoss = forecasters.Groups.Values.Average(f => f.BestTrainLoss),
                BestValidationLoss = forecasters.Groups.Values.Average(f => f.BestValidationLoss),
                Lambda = best.Lambda,
                RegularizerActive = best.Lambda > 0 && plan.ReferenceFirstStep is not null,
                Seconds = forecasters.FitTime.TotalSeconds,
                Coefficients = forecasters.Groups.Select(g => new GroupCoefficients(
                    g.Key == ReferenceSampler.GlobalGroup ? "global" : g.Key, g.Value.InputSteps, g.Value.HorizonSteps,
                    Enumerable.Range(0, g.Value.InputCount).Select(j => Enumerable.Range(0, g.Value.HorizonCount).Select(h => g.Value.Coefficient(j, h)).ToArray()).ToArray(),
                    g.Value.Bias.ToArray())).ToList(),
            },
            Horizons = applied.Horizons.Select(h => new HorizonSection
            {
                Step = h.Step,
                Output = h.Path,
                ActualAvailable = h.Backtest is not null,
                Forecast = h.Backtest?.Forecast,
                Baselines = h.Backtest is { } b ? new BaselineSection(b.Persistence, b.LinearExtrapolation) : null,
                Tensors = h.Backtest?.Tensors.Select(t => new TensorErrors(t.Tensor, t.Elements, t.Forecast, t.Persistence, t.LinearExtrapolation)).ToList(),
            }).ToList(),
            Timings = timings,
        };
    }
}
