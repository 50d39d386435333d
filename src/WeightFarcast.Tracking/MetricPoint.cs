namespace WeightFarcast.Tracking;

/// <summary>One metric value at a step. MLflow stores the timestamp as Unix milliseconds.</summary>
public readonly record struct MetricPoint(string Key, double Value, long Step, DateTimeOffset Timestamp)
{
    public long TimestampMs => Timestamp.ToUnixTimeMilliseconds();
}
