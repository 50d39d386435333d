namespace WeightFarcast.Forecasting;

/// <summary>Which observed steps of a coordinate feed the forecaster (the paper's input choices).</summary>
public enum InputScheme
{
    /// <summary>(w_0, w_n): the paper's "less is more" choice and the default.</summary>
    Lfd2,

    /// <summary>w_n only.</summary>
    Lfl,

    /// <summary>Four sampled points at fractions 0, 0.3, 0.5, 0.75 of the observed span (w_0, w_6, w_10, w_15 for n = 20).</summary>
    Lfs,

    /// <summary>Introspection-style points at 0, 0.4t, 0.7t, t (w_0, w_8, w_14, w_20 for n = 20).</summary>
    Introspection,

    /// <summary>The full observed history.</summary>
    Lfn,
}
