using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>The time plain file I/O takes for the apply's traffic, in bytes moved per second.</summary>
public sealed record IoFloorResult(long BytesRead, long BytesWritten, TimeSpan Elapsed)
{
    public double GigabytesPerSecond => (BytesRead + BytesWritten) / 1e9 / Math.Max(1e-9, Elapsed.TotalSeconds);
}

/// <summary>
/// The I/O floor: the same traffic as the apply with no computing: read both input files in chunks of the apply's
/// size and write each chunk to K output files of the outputs' size (RandomAccess, positional, no user-space buffering),
/// on as many threads as the apply has workers, then fsync the outputs as the apply's commit does. Outputs are deleted
/// afterwards (not timed, as the apply's are not).
/// </summary>
public static class ThroughputIoFloor
{
    public static IoFloorResult Run(string initialPath, string observedPath, long outputBytes, int outputs, string folder, int chunkBytes, int threads, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var paths = Enumerable.Range(0, outputs).Select(i => Path.Combine(folder, $"floor-{i}.bin")).ToList();
        var clock = Stopwatch.StartNew();
        var handles = new List<SafeFileHandle>();
        try
        {
            using var initial = File.OpenHandle(initialPath);
            using var observed = File.OpenHandle(observedPath);
            foreach (var path in paths)
            {
                // Sized like the product's writer sizes its temp file (ftruncate, no preallocation).
                handles.Add(File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite));
                RandomAccess.SetLength(handles[^1], outputBytes);
            }
            var inputBytes = Math.Max(RandomAccess.GetLength(initial), RandomAccess.GetLength(observed));
            var length = Math.Max(inputBytes, outputBytes);
            var chunks = (int)((length + chunkBytes - 1) / chunkBytes);
            var next = -1;
            long read = 0, written = 0;

            void Work()
            {
                var first = new byte[chunkBytes];
                var second = new byte[chunkBytes];
                long myRead = 0, myWritten = 0;
                int index;
                while ((index = Interlocked.Increment(ref next)) < chunks && !cancellationToken.IsCancellationRequested)
                {
                    var offset = (long)index * chunkBytes;
                    myRead += ReadAt(initial, first, offset) + ReadAt(observed, second, offset);
                    var n = (int)Math.Clamp(outputBytes - offset, 0, chunkBytes);
                    foreach (var handle in handles)
                        RandomAccess.Write(handle, second.AsSpan(0, n), offset);
                    myWritten += (long)n * handles.Count;
                }
                Interlocked.Add(ref read, myRead);
                Interlocked.Add(ref written, myWritten);
            }

            var others = Enumerable.Range(1, Math.Max(1, threads) - 1)
                .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
            Work();
            Task.WaitAll(others, CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var handle in handles)
                RandomAccess.FlushToDisk(handle);
            return new IoFloorResult(read, written, clock.Elapsed);
        }
        finally
        {
            foreach (var handle in handles)
                handle.Dispose();
            foreach (var path in paths)
                File.Delete(path);
        }
    }

    private static int ReadAt(SafeFileHandle file, byte[] buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = RandomAccess.Read(file, buffer.AsSpan(total), offset + total);
            if (n == 0)
                break;
            total += n;
        }
        return total;
    }
}
