namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>A method compared in the synthetic benchmark: a learned input scheme or an always-on baseline.</summary>
public sealed record PaperMethod(string Label, InputScheme? Scheme)
{
    public static PaperMethod Persistence { get; } = new("persistence", null);
    public static PaperMethod LinearExtrapolation { get; } = new("linear extrapolation", null);

    /// <summary>Reference row, not a method: the closed-form least-squares affine map on (w0, w20).</summary>
    public static PaperMethod LeastSquaresFloor { get; } = new("floor: least-squares affine (w0,w20)", null);
    public static PaperMethod Lfd2 { get; } = new("LFD-2 (w0,w20)", InputScheme.Lfd2);

    public static IReadOnlyList<PaperMethod> All { get; } =
    [
        Persistence,
        LinearExtrapolation,
        Lfd2,
        new("LFL (w20)", InputScheme.Lfl),
        new("LFS (w0,w6,w10,w15)", InputScheme.Lfs),
        new("Introspection (w0,w8,w14,w20)", InputScheme.Introspection),
        new("LFN (w0..w20)", InputScheme.Lfn),
        LeastSquaresFloor,
    ];

    public bool IsLearned => Scheme is not null;
}
