namespace WeightFarcast.Checkpoints.Reading;

/// <summary>
/// Recognises checkpoint layouts we refuse (DeepSpeed ZeRO, FSDP/DCP, legacy non-zip torch files) and throws
/// <see cref="UnsupportedCheckpointException"/> with the command that converts them to something we read.
/// </summary>
internal static class UnsupportedLayouts
{
    // torch's legacy format starts with a pickled magic number; any pickle or tar is legacy too.
    private const byte PickleProtocol = 0x80;

    public static void CheckFolder(string folder)
    {
        if (File.Exists(Path.Combine(folder, "latest")) || Directory.EnumerateDirectories(folder, "global_step*").Any())
            throw DeepSpeed(folder);
        if (IsDistributedCheckpoint(folder))
            throw Fsdp(folder);
        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            if (IsDistributedCheckpoint(child))
                throw Fsdp(child);
        }
    }

    public static void CheckFile(string file, ReadOnlySpan<byte> head)
    {
        var name = Path.GetFileName(file);
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (name == ".metadata" || name.EndsWith(".distcp", StringComparison.Ordinal))
            throw Fsdp(folder);
        if (name.StartsWith("zero_pp_rank_", StringComparison.Ordinal) || name.EndsWith("_optim_states.pt", StringComparison.Ordinal))
            throw DeepSpeed(Path.GetDirectoryName(folder) ?? folder);
        var isTar = head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8);
        // A safetensors header length can also start with 0x80 (its low byte); the JSON header's '{' at byte 8 tells them apart.
        var isSafetensors = head.Length > 8 && head[8] == (byte)'{';
        if ((!head.IsEmpty && head[0] == PickleProtocol && !isSafetensors) || isTar)
            throw Legacy(file);
    }

    private static bool IsDistributedCheckpoint(string folder) =>
        File.Exists(Path.Combine(folder, ".metadata")) || Directory.EnumerateFiles(folder, "*.distcp").Any();

    private static UnsupportedCheckpointException DeepSpeed(string folder) =>
        new(folder, "DeepSpeed ZeRO",
            $"python {Quote(Path.Combine(folder, "zero_to_fp32.py"))} {Quote(folder)} {Quote(folder.TrimEnd('/') + "-fp32")} --safe_serialization");

    private static UnsupportedCheckpointException Fsdp(string folder) =>
        new(folder, "FSDP / torch.distributed.checkpoint (DCP)",
            $"python -c \"from accelerate.utils import merge_fsdp_weights; merge_fsdp_weights({PythonString(folder)}, {PythonString(folder.TrimEnd('/') + "-merged")}, safe_serialization=True)\"");

    private static UnsupportedCheckpointException Legacy(string file)
    {
        var stem = Path.Combine(Path.GetDirectoryName(file) ?? "", Path.GetFileNameWithoutExtension(file));
        var toSafetensors =
            $"python -c \"import torch; from safetensors.torch import save_file; save_file(torch.load({PythonString(file)}, map_location='cpu'), {PythonString(stem + ".safetensors")})\"";
        var toZip =
            $"python -c \"import torch; torch.save(torch.load({PythonString(file)}, map_location='cpu'), {PythonString(stem + ".zip.pt")}, _use_new_zipfile_serialization=True)\"";
        return new UnsupportedCheckpointException(file, "Legacy (non-zip) torch.save", toSafetensors + Environment.NewLine + "  or keep PyTorch format with:" + Environment.NewLine + "  " + toZip);
    }

    private static string PythonString(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static string Quote(string value) => value.Contains(' ', StringComparison.Ordinal) ? "'" + value + "'" : value;
}
