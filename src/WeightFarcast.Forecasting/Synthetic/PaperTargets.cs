namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>The reproduction targets of method.md section 7 (test MSE means over 5 samples, authors' data files).</summary>
public static class PaperTargets
{
    public static IReadOnlyList<int> Steps { get; } = [40, 100, 160, 200];

    /// <summary>dataset label → method label → MSE at <see cref="Steps"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> Values { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, double[]>>
        {
            ["LS-3d-GD"] = new Dictionary<string, double[]>
            {
                ["persistence"] = [2.34e-2, 2.30e-1, 4.54e-1, 5.76e-1],
                ["LFD-2 (w0,w20)"] = [1.93e-5, 1.00e-3, 4.30e-3, 1.25e-2],
                ["LFL (w20)"] = [1.85e-2, 1.82e-1, 3.61e-1, 4.55e-1],
                ["Introspection (w0,w8,w14,w20)"] = [2.56e-5, 1.02e-3, 4.43e-3, 8.10e-3],
                ["LFN (w0..w20)"] = [2.33e-5, 1.02e-3, 5.72e-3, 1.07e-2],
            },
            ["LS-3d-SGD"] = new Dictionary<string, double[]>
            {
                ["persistence"] = [2.20e-2, 2.16e-1, 4.38e-1, 5.60e-1],
                ["LFD-2 (w0,w20)"] = [1.08e-3, 8.23e-3, 1.84e-2, 3.01e-2],
                ["LFL (w20)"] = [1.79e-2, 1.73e-1, 3.51e-1, 4.48e-1],
                ["Introspection (w0,w8,w14,w20)"] = [1.14e-3, 8.60e-3, 2.08e-2, 2.99e-2],
                ["LFN (w0..w20)"] = [1.21e-3, 1.03e-2, 2.89e-2, 4.11e-2],
            },
            ["NN-1d-Adam"] = new Dictionary<string, double[]>
            {
                ["persistence"] = [8.86e-4, 9.60e-3, 2.00e-2, 2.53e-2],
                ["LFD-2 (w0,w20)"] = [1.83e-4, 4.57e-3, 1.23e-2, 1.89e-2],
            },
        };

    /// <summary>The datasets whose absolute numbers are targets (±50 %); NN data is regenerated, so only its ordering is.</summary>
    public static IReadOnlySet<string> AbsoluteTargetDatasets { get; } = new HashSet<string> { "LS-3d-GD", "LS-3d-SGD" };

    /// <summary>The methods whose absolute numbers are targets.</summary>
    public static IReadOnlySet<string> AbsoluteTargetMethods { get; } = new HashSet<string> { "persistence", "LFD-2 (w0,w20)" };
}
