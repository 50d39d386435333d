using System.Globalization;

namespace WeightFarcast.TorchRuntime;

public enum DeviceKind { Auto, Cpu, Cuda }

/// <summary>A parsed `device:` setting: auto | cpu | cuda | cuda:N.</summary>
public readonly record struct DeviceSpec(DeviceKind Kind, int? Index)
{
    public static bool TryParse(string? text, out DeviceSpec spec)
    {
        var value = (text ?? "auto").Trim().ToLowerInvariant();
        spec = value switch
        {
            "auto" or "" => new DeviceSpec(DeviceKind.Auto, null),
            "cpu" => new DeviceSpec(DeviceKind.Cpu, null),
            "cuda" => new DeviceSpec(DeviceKind.Cuda, null),
            _ => default,
        };
        if (value is "auto" or "" or "cpu" or "cuda")
            return true;
        if (value.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            spec = new DeviceSpec(DeviceKind.Cuda, index);
            return true;
        }
        return false;
    }

    public static DeviceSpec Parse(string? text) =>
        TryParse(text, out var spec) ? spec : throw new ArgumentException($"device '{text}' is not one of auto, cpu, cuda, cuda:N");
}
