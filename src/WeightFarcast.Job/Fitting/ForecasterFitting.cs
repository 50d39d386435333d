using System.Diagnostics;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Sampling;

namespace WeightFarcast.Job.Fitting;

/// <summary>Turns sampled rows into fitted maps with the configured optimiser, regularizer and early stopping.</summary>
public static class ForecasterFitting
{
    public static FitOptions Options(ForecasterConfig config, string device) => new()
    {
        LearningRate = config.Optimizer.LearningRate,
        MaxEpochs = config.Optimizer.MaxEpochs,
        Patience = config.Optimizer.Patience,
        BatchUnit = BatchUnit.Runs, // groups of ReferenceSampler.CoordinatesPerGroup coordinates, as the paper batches runs
        BatchSize = config.Optimizer.BatchSize,
        Init = InitFor(config),
        Seed = (ulong)config.Seed,
        Device = device,
        Regularizer = new StepRegularizer(config.Regularizer.Lambda, config.Regularizer.Pairs == "all" ? RegularizedPairs.AllMean : RegularizedPairs.Last),
    };

    /// <param name="tag">Added to each map's name in the fit history (self mode fits one set per horizon: "h400").</param>
    /// <summary>
    /// Persistence unless the paper's uniform start is asked for: early stopping can end a fit long before random
    /// coefficients settle, and a half-fitted map rescales every weight (measured in the training benchmark: a digits-CNN
    /// fit stopped at epoch 134 with 0.4·w_n for 4n, 5.6x persistence's error; self-fits shrank every MLP weight by 4 %).
    /// </summary>
    public static MapInit InitFor(ForecasterConfig config) =>
        config.Optimizer.Init == OptimizerConfig.InitUniform ? MapInit.Uniform : MapInit.Persistence;

    public static ForecasterSet Fit(
        IReadOnlyDictionary<string, FitData> dataByGroup,
        ForecasterConfig config,
        string device,
        IProgress<EpochProgress>? progress,
        CancellationToken cancellationToken,
        string? tag = null)
    {
        var clock = Stopwatch.StartNew();
        var options = Options(config, device);
        var groups = new Dictionary<string, FittedForecaster>(StringComparer.Ordinal);
        var history = new List<EpochProgress>();
        foreach (var (group, data) in dataByGroup)
        {
            var split = TrainValidationSplit.ByRowFraction(data, config.ValidationFraction, (ulong)config.Seed);
            // Without a first step after w_0 in the reference runs the regularizer has nothing to compare against.
            var groupOptions = data.FirstStepDelta is null ? options with { Regularizer = StepRegularizer.None } : options;
            var name = group == ReferenceSampler.GlobalGroup ? tag : tag is null ? group : $"{group}/{tag}";
            var result = ForecasterTrainer.Fit(split, groupOptions, progress, cancellationToken, name);
            groups[group] = result.Forecaster;
            history.AddRange(result.History);
        }
        return new ForecasterSet(groups, history, clock.Elapsed);
    }
}
