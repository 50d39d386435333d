namespace WeightFarcast.TorchRuntime;

/// <summary>What the native bootstrap found and did; `doctor` prints it.</summary>
public sealed record NativeBootstrapReport
{
    public required string? LibTorchDirectory { get; init; }
    public required string? LibTorchSharpPath { get; init; }
    public required LibStdCxxInfo LibStdCxx { get; init; }
    public required bool PatchNeeded { get; init; }
    public required bool PatchApplied { get; init; }
    /// <summary>The library TorchSharp is pointed at, when it is not the packaged one.</summary>
    public string? RedirectedLibTorchSharp { get; init; }
    public bool UsesExternalLibTorch { get; init; }
    /// <summary>Why torch cannot load, with what to do; null when the natives loaded.</summary>
    public string? Failure { get; init; }
}
