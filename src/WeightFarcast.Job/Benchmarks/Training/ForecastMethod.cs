namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>How the weights at a horizon are predicted. The first three are the product's modes; the last two the baselines.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ForecastMethod>))]
public enum ForecastMethod
{
    /// <summary>The paper's map: one affine map for every coordinate, fitted on the reference runs.</summary>
    Global,

    /// <summary>One map per tensor (groups: tensor), fitted on the reference runs.</summary>
    PerTensor,

    /// <summary>forecaster.source: self: fitted on the target's own history, no reference runs.</summary>
    Self,

    /// <summary>w_H = w_n.</summary>
    Persistence,

    /// <summary>w_H = w_n + (w_n − w_0)(H − n)/n.</summary>
    LinearExtrapolation,
}

public static class ForecastMethods
{
    public static IReadOnlyList<ForecastMethod> All { get; } = Enum.GetValues<ForecastMethod>();

    public static string Label(ForecastMethod method) => method switch
    {
        ForecastMethod.Global => "global map",
        ForecastMethod.PerTensor => "per-tensor map",
        ForecastMethod.Self => "self-fit",
        ForecastMethod.Persistence => "persistence",
        ForecastMethod.LinearExtrapolation => "linear extrap.",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
