using System.CommandLine;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Job.Benchmarks;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Cli.Commands;

/// <summary>`bench throughput`: the apply stage's GB/s against plain file I/O on a synthetic checkpoint pair, and its memory.</summary>
internal static class BenchThroughputCommand
{
    internal static Command Create(CliContext context)
    {
        var parameters = new Option<long>("--params") { Description = "Float parameters per checkpoint (e.g. 268435456 = 1 GiB of f32).", Required = true };
        var dtype = new Option<string>("--dtype") { Description = "Stored dtype of inputs and outputs.", DefaultValueFactory = _ => "f32" };
        dtype.AcceptOnlyFromAmong("f32", "bf16");
        var horizons = new Option<int>("--horizons") { Description = "Forecast horizons, one output checkpoint each.", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var dir = new Option<string?>("--dir") { Description = "Folder for the temporary checkpoints (default: the system temp folder); needs (2 + horizons) checkpoints of space." };
        var workers = new Option<int?>("--workers") { Description = "Apply workers and floor threads (default: one per core)." };
        var cache = new Option<string>("--cache") { Description = "warm: each measured twice, the second reported; cold: inputs also evicted from the page cache before every run.", DefaultValueFactory = _ => "warm" };
        cache.AcceptOnlyFromAmong("warm", "cold");
        var command = new Command("throughput", "Generate a synthetic w_0/w_n pair (streamed), time the apply stage for K horizons against the I/O floor (same reads and writes, no compute), report GB/s, their ratio and peak RSS; temporary files are deleted.")
        { parameters, dtype, horizons, json, dir, workers, cache };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new ThroughputOptions
            {
                Parameters = parse.GetValue(parameters),
                DType = parse.GetValue(dtype) == "bf16" ? DType.BF16 : DType.F32,
                Horizons = parse.GetValue(horizons),
                Directory = parse.GetValue(dir) is { } folder ? context.ResolvePath(folder) : Path.GetTempPath(),
                Workers = parse.GetValue(workers),
                Cache = parse.GetValue(cache) == "cold" ? ThroughputCache.Cold : ThroughputCache.Warm,
                Progress = new Job.SynchronousProgress<string>(context.Error.WriteLine),
            };
            var result = ThroughputBenchmark.Run(options, cancellationToken);
            context.Out.Write(parse.GetValue(json) ? ThroughputReport.Json(result) + Environment.NewLine : ThroughputReport.Text(result));
            return Task.FromResult((int)ExitCode.Success);
        });
        return command;
    }
}
