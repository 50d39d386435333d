using WeightFarcast.Forecasting;

namespace WeightFarcast.Job.Planning;

/// <summary>Maps the configuration's `forecaster.inputs` words to the paper's input schemes.</summary>
public static class InputSchemes
{
    public static InputScheme FromConfig(IReadOnlyList<string> inputs) => inputs switch
    {
        ["observed"] => InputScheme.Lfl,
        ["sampled4"] => InputScheme.Lfs,
        ["introspection"] => InputScheme.Introspection,
        ["history"] => InputScheme.Lfn,
        _ => InputScheme.Lfd2,
    };

    public static string Label(InputScheme scheme) => scheme switch
    {
        InputScheme.Lfd2 => "LFD-2 (w_0, w_n)",
        InputScheme.Lfl => "LFL (w_n)",
        InputScheme.Lfs => "LFS (4 sampled steps)",
        InputScheme.Introspection => "Introspection (0, 0.4n, 0.7n, n)",
        InputScheme.Lfn => "LFN (full history)",
        _ => scheme.ToString(),
    };
}
