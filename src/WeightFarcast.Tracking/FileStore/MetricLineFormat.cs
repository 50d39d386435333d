using System.Globalization;

namespace WeightFarcast.Tracking;

/// <summary>
/// A metric file line, "timestamp value step\n": integer milliseconds, the value round-trip formatted
/// with the invariant culture (NaN, Infinity and -Infinity parse with Python's float()).
/// </summary>
internal static class MetricLineFormat
{
    public static string Format(MetricPoint point) =>
        string.Create(CultureInfo.InvariantCulture, $"{point.TimestampMs} {point.Value.ToString("R", CultureInfo.InvariantCulture)} {point.Step}\n");
}
