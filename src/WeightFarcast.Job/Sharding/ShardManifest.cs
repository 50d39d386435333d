using System.Text.Json;
using System.Text.Json.Serialization;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Applying;
using WeightFarcast.Job.Reporting;

namespace WeightFarcast.Job.Sharding;

/// <summary>
/// shard.json: what one shard run produced and what `merge` needs to finish the job exactly as a single process
/// would: which tensors it wrote, the raw backtest sums per tensor and horizon, the fit's history and timings, and
/// two hashes that prove the parts belong together (same config, same forecaster). Written last, so its presence
/// marks a complete part.
/// </summary>
public sealed record ShardManifest
{
    public const string FileName = "shard.json";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public required int Index { get; init; }
    public required int Count { get; init; }
    public required string ConfigHash { get; init; }
    public required string ForecasterHash { get; init; }
    public required string Device { get; init; }
    public string? LoadedFrom { get; init; }
    public required IReadOnlyList<string> Tensors { get; init; }
    public long Rows { get; init; }
    public required TimingSection Timings { get; init; }
    public required IReadOnlyList<EpochProgress> History { get; init; }
    public required IReadOnlyList<ShardHorizon> Horizons { get; init; }

    public void Write(string folder) =>
        Output.AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    public static ShardManifest Read(string path) =>
        JsonSerializer.Deserialize<ShardManifest>(File.ReadAllText(path), Json) ?? throw new JsonException($"{path} is empty");
}

/// <summary>One horizon of a shard: its part file's name and, when backtested, each tensor's sums in tensor order.</summary>
public sealed record ShardHorizon(int Step, string Output, IReadOnlyList<TensorErrorSums>? Sums);
