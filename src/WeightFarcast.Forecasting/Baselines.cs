namespace WeightFarcast.Forecasting;

/// <summary>The always-on baselines a learned forecaster must beat (method.md section 6).</summary>
public static class Baselines
{
    /// <summary>Persistence: ŵ_h = w_n for every horizon.</summary>
    public static void Persistence(ReadOnlySpan<float> observed, Span<float> output) => observed.CopyTo(output);

    /// <summary>
    /// Linear extrapolation in step units: ŵ_h = w_n + (w_n − w_s0)·(h − n)/(n − s0), where s0 is the step of
    /// <paramref name="first"/> and n that of <paramref name="observed"/>.
    /// </summary>
    public static void LinearExtrapolation(
        ReadOnlySpan<float> first, int firstStep, ReadOnlySpan<float> observed, int observedStep, int horizonStep, Span<float> output)
    {
        if (observedStep <= firstStep)
            throw new ArgumentException($"the observed step {observedStep} must come after the first step {firstStep}");
        var gain = (float)((double)(horizonStep - observedStep) / (observedStep - firstStep));
        // w_n + g (w_n − w_0) = (1 + g) w_n − g w_0
        SpanMath.Affine(1f + gain, observed, -gain, first, 0f, output);
    }
}
