using WeightFarcast.Checkpoints.Reading.PyTorch;
using WeightFarcast.Checkpoints.Reading.Safetensors;

namespace WeightFarcast.Checkpoints.Reading;

/// <summary>Opens any supported checkpoint, detecting its layout from the path and the file's first bytes.</summary>
public static class CheckpointReader
{
    public const string SafetensorsIndexName = "model.safetensors.index.json";
    public const string SafetensorsFileName = "model.safetensors";
    public const string PyTorchIndexName = "pytorch_model.bin.index.json";
    public const string PyTorchFileName = "pytorch_model.bin";

    private const int SniffBytes = 512;

    /// <summary>
    /// Opens a .safetensors file, a torch.save zip (.pt/.bin), a sharded index (*.index.json), or a folder holding
    /// one of model.safetensors.index.json, model.safetensors, pytorch_model.bin.index.json, pytorch_model.bin.
    /// DeepSpeed, FSDP/DCP and legacy torch files are refused with the command that converts them.
    /// </summary>
    public static ICheckpointReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            if (Directory.Exists(path))
                return OpenFolder(path);
            if (File.Exists(path))
                return OpenFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot read: {e.Message}", e);
        }
        throw new CheckpointException(path, "no such file or folder.");
    }

    private static ICheckpointReader OpenFolder(string folder)
    {
        UnsupportedLayouts.CheckFolder(folder);
        foreach (var name in (string[])[SafetensorsIndexName, SafetensorsFileName, PyTorchIndexName, PyTorchFileName])
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
                return OpenFile(candidate);
        }
        var single = Directory.GetFiles(folder, "*.safetensors");
        if (single.Length == 1)
            return OpenFile(single[0]);
        throw new CheckpointException(folder,
            $"no checkpoint found: expected {SafetensorsIndexName}, {SafetensorsFileName}, {PyTorchIndexName}, {PyTorchFileName} or a single *.safetensors file.");
    }

    private static ICheckpointReader OpenFile(string file)
    {
        if (file.EndsWith(".index.json", StringComparison.OrdinalIgnoreCase))
            return OpenIndex(file);
        return OpenSingle(file);
    }

    private static ShardedCheckpointReader OpenIndex(string indexPath)
    {
        var shardFiles = ShardedCheckpointReader.ReadWeightMap(indexPath).Values;
        var safetensors = shardFiles.All(f => f.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase));
        return ShardedCheckpointReader.Open(indexPath,
            safetensors ? CheckpointFormat.ShardedSafetensors : CheckpointFormat.ShardedPyTorch, OpenSingle);
    }

    private static CheckpointReaderBase OpenSingle(string file)
    {
        Span<byte> head = stackalloc byte[SniffBytes];
        using (var handle = FileOpening.OpenForRead(file))
        {
            var read = RandomAccess.Read(handle, head, 0);
            head = head[..read];
        }
        UnsupportedLayouts.CheckFile(file, head);
        return head.StartsWith("PK\x03\x04"u8) ? PyTorchZipReader.Open(file) : SafetensorsReader.Open(file);
    }
}
