using System.Globalization;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>
/// The process's resident memory from /proc/self/status. The peak (VmHWM) is reset before a measurement by writing 5
/// to /proc/self/clear_refs (Linux 4.0+); a sampler reading VmRSS every 10 ms backs it up where the reset is refused.
/// </summary>
public sealed class ThroughputMemory : IDisposable
{
    private readonly bool _peakReset;
    private readonly Thread _sampler;
    private volatile bool _stop;
    private long _sampledPeakKiB;

    private ThroughputMemory(bool peakReset)
    {
        _peakReset = peakReset;
        _sampledPeakKiB = StatusKiB("VmRSS");
        _sampler = new Thread(Sample) { IsBackground = true, Name = "rss sampler" };
        _sampler.Start();
    }

    /// <summary>Whether the kernel's own peak was reset (else the peak is sampled).</summary>
    public bool PeakReset => _peakReset;

    /// <summary>Starts measuring the peak from now.</summary>
    public static ThroughputMemory StartPeak() => new(TryResetPeak());

    public static double CurrentMiB() => StatusKiB("VmRSS") / 1024.0;

    /// <summary>The peak since <see cref="StartPeak"/>: the kernel's VmHWM when it was reset, the sampled maximum otherwise.</summary>
    public double PeakMiB()
    {
        var sampled = Math.Max(Interlocked.Read(ref _sampledPeakKiB), StatusKiB("VmRSS"));
        return (_peakReset ? Math.Max(sampled, StatusKiB("VmHWM")) : sampled) / 1024.0;
    }

    public void Dispose()
    {
        _stop = true;
        _sampler.Join();
    }

    private void Sample()
    {
        while (!_stop)
        {
            var rss = StatusKiB("VmRSS");
            if (rss > Interlocked.Read(ref _sampledPeakKiB))
                Interlocked.Exchange(ref _sampledPeakKiB, rss);
            Thread.Sleep(10);
        }
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long StatusKiB(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"/proc/self/status has no {field}");
    }
}
