using System.Diagnostics;
using System.Globalization;
using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Job.Applying;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Benchmarks;

/// <summary>
/// `bench throughput`: generates a synthetic w_0/w_n pair in a fresh temp folder, then times the I/O floor and the
/// apply stage alternately, twice each (floor, apply, floor, apply), and reports the second of each, so both are
/// measured in the same page-cache state (with <see cref="ThroughputCache.Cold"/> the inputs are also evicted before
/// every run). The folder is deleted at the end, on failure and on cancellation too.
/// </summary>
public static class ThroughputBenchmark
{
    private const int Repeats = 2;

    public static ThroughputResult Run(ThroughputOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.DType is not (DType.F32 or DType.BF16))
            throw new JobInputException($"--dtype must be f32 or bf16, not {options.DType.SafetensorsName()}");
        if (options.Horizons is < 1 or > 64)
            throw new JobInputException("--horizons must be between 1 and 64");
        if (options.Parameters < 100_000)
            throw new JobInputException("--params must be at least 100000");
        if (options.Workers is < 1)
            throw new JobInputException("--workers must be at least 1");

        GC.Collect();
        var idleMiB = ThroughputMemory.CurrentMiB();
        var tensors = ThroughputModelLayout.Create(options.Parameters, options.DType);
        var dataBytes = tensors.Sum(t => t.ByteLength);
        var folder = Path.Combine(Path.GetFullPath(options.Directory), "weightfarcast-throughput-" + Guid.NewGuid().ToString("N")[..12]);
        CheckFreeSpace(options.Directory, dataBytes * (2 + options.Horizons));
        var workers = options.Workers ?? Environment.ProcessorCount;
        var progress = options.Progress;
        try
        {
            Directory.CreateDirectory(folder);
            var initial = Path.Combine(folder, "step-0.safetensors");
            var observed = Path.Combine(folder, "step-1000.safetensors");
            progress?.Report($"generating 2 x {dataBytes / (double)(1L << 30):F2} GiB in {folder}");
            var generate = Stopwatch.StartNew();
            ThroughputCheckpointGenerator.Write(tensors, initial, observed, cancellationToken);
            generate.Stop();
            var outputBytes = new FileInfo(observed).Length;
            var chunkBytes = ForecastApplier.ChunkElements * options.DType.ElementSize();

            IoFloorResult? floor = null;
            ApplyResult? apply = null;
            double peakMiB = 0;
            var peakSource = "";
            var evicted = true;
            for (var run = 1; run <= Repeats; run++)
            {
                evicted &= PrepareCache(options.Cache, initial, observed);
                floor = ThroughputIoFloor.Run(initial, observed, outputBytes, options.Horizons, Path.Combine(folder, "floor"), chunkBytes, workers, cancellationToken);
                progress?.Report($"floor {run}/{Repeats}: {floor.GigabytesPerSecond:F2} GB/s in {floor.Elapsed.TotalSeconds:F2} s");

                evicted &= PrepareCache(options.Cache, initial, observed);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                using var memory = ThroughputMemory.StartPeak();
                apply = ThroughputApplyRun.Run(initial, observed, tensors, options.Horizons, Path.Combine(folder, "out"), workers, cancellationToken);
                peakMiB = memory.PeakMiB();
                peakSource = memory.PeakReset ? "vmhwm" : "sampled";
                progress?.Report($"apply {run}/{Repeats}: {Gbps(apply):F2} GB/s in {apply.Elapsed.TotalSeconds:F2} s, peak RSS {peakMiB:F0} MiB");
            }

            return new ThroughputResult
            {
                Parameters = options.Parameters,
                DType = options.DType.SafetensorsName().ToLowerInvariant(),
                Horizons = options.Horizons,
                Tensors = tensors.Count,
                LargestTensorMiB = Math.Round(tensors.Max(t => t.ByteLength) / (double)(1 << 20), 1),
                CheckpointGiB = Math.Round(dataBytes / (double)(1L << 30), 3),
                Workers = workers,
                Cache = options.Cache == ThroughputCache.Cold ? (evicted ? "cold" : "cold (eviction refused)") : "warm",
                ApplyGbps = Math.Round(Gbps(apply!), 3),
                ApplySeconds = Math.Round(apply!.Elapsed.TotalSeconds, 3),
                FloorGbps = Math.Round(floor!.GigabytesPerSecond, 3),
                FloorSeconds = Math.Round(floor.Elapsed.TotalSeconds, 3),
                RatioToFloor = Math.Round(Gbps(apply) / floor.GigabytesPerSecond, 3),
                BytesMoved = apply.BytesRead + apply.BytesWritten,
                IdleRssMiB = Math.Round(idleMiB, 1),
                PeakRssMiB = Math.Round(peakMiB, 1),
                PeakRssGrowthMiB = Math.Round(peakMiB - idleMiB, 1),
                PeakRssSource = peakSource,
                GenerateSeconds = Math.Round(generate.Elapsed.TotalSeconds, 2),
            };
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    private static double Gbps(ApplyResult apply) => (apply.BytesRead + apply.BytesWritten) / 1e9 / Math.Max(1e-9, apply.Elapsed.TotalSeconds);

    private static bool PrepareCache(ThroughputCache cache, string initial, string observed) =>
        cache == ThroughputCache.Warm || (ThroughputPageCache.Evict(initial) & ThroughputPageCache.Evict(observed));

    private static void CheckFreeSpace(string directory, long needed)
    {
        Directory.CreateDirectory(directory);
        var available = new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
        // 2 % margin for headers and whatever else writes to the disk meanwhile.
        if (available < needed + needed / 50)
            throw new JobInputException(string.Create(CultureInfo.InvariantCulture,
                $"{directory} has {available / 1e9:F1} GB free; the benchmark needs {needed / 1e9:F1} GB (2 inputs + one output per horizon): use fewer --horizons, fewer --params or another --dir"));
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort; the folder name says what it is.
        }
    }
}
