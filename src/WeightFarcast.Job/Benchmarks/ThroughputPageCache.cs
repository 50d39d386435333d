using System.Runtime.InteropServices;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>Evicts a file's pages from the page cache without root (fsync, then posix_fadvise DONTNEED), for cold runs.</summary>
public static partial class ThroughputPageCache
{
    private const int DontNeed = 4; // POSIX_FADV_DONTNEED on Linux

    /// <summary>Returns false when the kernel refused (the run is then warmer than asked; the report says so).</summary>
    public static bool Evict(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        file.Flush(flushToDisk: true);
        var fd = (int)file.SafeFileHandle.DangerousGetHandle();
        return PosixFadvise(fd, 0, 0, DontNeed) == 0;
    }

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int fd, long offset, long length, int advice);
}
