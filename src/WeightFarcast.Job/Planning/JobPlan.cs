using WeightFarcast.Checkpoints;
using WeightFarcast.Forecasting;

namespace WeightFarcast.Job.Planning;

/// <summary>A run's checkpoints as discovered on disk.</summary>
public sealed record RunCheckpoints(string Spec, IReadOnlyList<int> Steps, Func<int, string> PathFor)
{
    public bool Has(int step) => Steps.Contains(step);
}

/// <summary>Everything the job will touch, checked before any heavy work: steps exist, horizons lie ahead,
/// every run has the same tensors as the target.</summary>
public sealed record JobPlan(
    RunCheckpoints Target,
    InputScheme Scheme,
    IReadOnlyList<int> InputSteps,
    int InitialStep,
    int ObservedStep,
    IReadOnlyList<int> Horizons,
    IReadOnlyList<RunCheckpoints> References,
    int? ReferenceFirstStep,
    IReadOnlyList<TensorInfo> Tensors,
    CheckpointFormat TargetFormat)
{
    /// <summary>forecaster.source: self: the rescaled step of each horizon, in horizon order; empty when the map
    /// comes from reference runs or forecaster.load.</summary>
    public IReadOnlyList<SelfSimilarFit> SelfFits { get; init; } = [];

    public IEnumerable<TensorInfo> ForecastTensors => Tensors.Where(t => t.IsFloatingPoint && t.ElementCount > 0);

    public long ForecastParameterCount => ForecastTensors.Sum(t => t.ElementCount);

    /// <summary>Horizons whose actual checkpoint exists in the target run, for backtesting.</summary>
    public IEnumerable<int> BacktestHorizons => Horizons.Where(Target.Has);
}
