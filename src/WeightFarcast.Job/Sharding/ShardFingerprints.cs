using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Fitting;

namespace WeightFarcast.Job.Sharding;

/// <summary>Hashes that let `merge` prove every part came from the same job: the settings that shape the outputs
/// (not tracking, which shards ignore) and the forecaster's exact coefficients.</summary>
public static class ShardFingerprints
{
    public static string Config(FarcastConfig config) => Sha256(JsonSerializer.Serialize(new
    {
        config.Version, config.Target, config.Reference, config.Forecaster, config.Horizons, config.Output, config.Backtest, config.Device, config.NanPolicy,
    }));

    public static string Forecaster(ForecasterSet forecasters)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (group, map) in forecasters.Groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{group}|{string.Join(",", map.InputSteps)}|{string.Join(",", map.HorizonSteps)}|"));
            hash.AppendData(MemoryMarshal.AsBytes(map.Coefficients.AsSpan()));
            hash.AppendData(MemoryMarshal.AsBytes(map.Bias.AsSpan()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
