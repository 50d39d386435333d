using System.Collections.Concurrent;

namespace WeightFarcast.Tracking.Tests.Support;

/// <summary>Stands in for Task.Delay: records each requested wait and returns at once, so retry tests never sleep.</summary>
public sealed class RecordingDelay
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    public Task Wait(TimeSpan delay, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _delays.Enqueue(delay);
        return Task.CompletedTask;
    }
}
