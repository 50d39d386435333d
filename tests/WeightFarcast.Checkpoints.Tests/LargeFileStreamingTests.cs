using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Statistics;
using WeightFarcast.Checkpoints.Tests.Support;

namespace WeightFarcast.Checkpoints.Tests;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>Reads a 1.5 GiB (sparse) safetensors file end to end and checks memory stays flat.</summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class LargeFileStreamingTests
{
    private const long Elements = 3L << 27; // 402,653,184 F32 = 1.5 GiB

    [Fact]
    public void Streaming_a_1_5_GiB_tensor_keeps_the_working_set_flat()
    {
        using var temp = new TempDirectory();
        var path = temp.File("big.safetensors");
        CreateSparse(path);

        using var reader = CheckpointReader.Open(path);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = CurrentWorkingSet();
        long peak = baseline;
        var sampling = true;
        var sampler = new Thread(() =>
        {
            while (Volatile.Read(ref sampling))
            {
                Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), CurrentWorkingSet()));
                Thread.Sleep(20);
            }
        });
        sampler.Start();
        var clock = Stopwatch.StartNew();
        var stats = TensorStatisticsCalculator.Compute(reader, "big");
        var tail = new float[3];
        reader.ReadSingles("big", Elements - 3, tail);
        clock.Stop();
        Volatile.Write(ref sampling, false);
        sampler.Join();
        peak = Math.Max(peak, CurrentWorkingSet());

        Assert.Equal(Elements, stats.Count);
        Assert.Equal((0d, 0d, 0d), (stats.Min, stats.Max, stats.Sum));
        Assert.Equal(new float[3], tail);
        Assert.True(peak - baseline < 100L << 20, $"working set grew by {(peak - baseline) >> 20} MiB");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    private static long CurrentWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    // Header + a length set past the data: the file system keeps the 1.5 GiB hole sparse (reads return zeros).
    private static void CreateSparse(string path)
    {
        var json = "{\"big\":{\"dtype\":\"F32\",\"shape\":[" + Elements + "],\"data_offsets\":[0," + (Elements * 4) + "]}}";
        var header = Encoding.UTF8.GetBytes(json.PadRight((json.Length + 7) / 8 * 8));
        using var stream = new FileStream(path, FileMode.CreateNew);
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        stream.SetLength(8 + header.Length + Elements * 4);
    }
}
