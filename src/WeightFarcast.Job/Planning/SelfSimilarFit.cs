namespace WeightFarcast.Job.Planning;

/// <summary>
/// forecaster.source: self, one horizon: under self-similar (power-law-in-time) training, the target's own
/// (w_s0, w_m) -> w_n has the same time ratio as (w_s0, w_n) -> w_H, so rows read at steps s0, m and n train the
/// map that is then applied to (w_s0, w_n). m solves (n - s0) / (m - s0) = (H - s0) / (n - s0).
/// </summary>
public sealed record SelfSimilarFit(int Horizon, int RescaledStep)
{
    /// <summary>The fit for <paramref name="horizon"/>, or null when m = s0 + (n - s0)² / (H - s0) is not a whole step.</summary>
    public static SelfSimilarFit? For(int initial, int observed, int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(observed, initial);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(horizon, observed);
        var square = Square(initial, observed);
        long ahead = horizon - (long)initial;
        // m lies strictly between s0 and n because H > n, so it fits in an int.
        return square % ahead == 0 ? new SelfSimilarFit(horizon, (int)(initial + square / ahead)) : null;
    }

    /// <summary>(n - s0)², the number every usable H - s0 must divide.</summary>
    public static long Square(int initial, int observed)
    {
        long span = observed - (long)initial;
        return span * span;
    }
}
