using WeightFarcast.Checkpoints.Reading;

namespace WeightFarcast.Checkpoints.Writing;

/// <summary>Creates writers, including ones that reproduce an input checkpoint's layout for forecasts.</summary>
public static class CheckpointWriter
{
    /// <summary>
    /// A writer with the same tensors and sharding as <paramref name="reader"/>. Output is always safetensors:
    /// single-file inputs (safetensors or a PyTorch .pt/.bin) give one file (at <paramref name="outputPath"/> when it
    /// ends in .safetensors, else <c>model.safetensors</c> inside that folder); sharded inputs give a folder with the
    /// same shard split, PyTorch shard names mapped to safetensors ones (pytorch_model-00001-of-00002.bin ->
    /// model-00001-of-00002.safetensors) and a model.safetensors.index.json.
    /// </summary>
    public static ICheckpointWriter CreateLike(ICheckpointReader reader, string outputPath, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        if (reader.Format is CheckpointFormat.Safetensors or CheckpointFormat.PyTorchZip)
        {
            var file = outputPath.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)
                ? outputPath
                : Path.Combine(outputPath, CheckpointReader.SafetensorsFileName);
            return new SafetensorsWriter(file, reader.Tensors, metadata);
        }
        var layout = reader.Tensors.Select(t => (t, SafetensorsShardName(reader.WeightMap[t.Name])));
        return new ShardedSafetensorsWriter(outputPath, layout, metadata);
    }

    /// <summary>The safetensors name for an input shard file name.</summary>
    public static string SafetensorsShardName(string inputShard)
    {
        if (inputShard.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
            return inputShard;
        var stem = Path.GetFileNameWithoutExtension(inputShard);
        if (stem.StartsWith("pytorch_model", StringComparison.Ordinal))
            stem = "model" + stem["pytorch_model".Length..];
        return stem + ".safetensors";
    }

    /// <summary>Copies a tensor's bytes unchanged from reader to writer in bounded chunks (for non-float tensors).</summary>
    public static void CopyTensor(ICheckpointReader reader, ICheckpointWriter writer, string tensor)
    {
        var length = reader[tensor].ByteLength;
        var buffer = new byte[(int)Math.Min(length, CheckpointReaderBase.ChunkBytes)];
        for (long done = 0; done < length; done += buffer.Length)
        {
            var chunk = buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - done));
            reader.ReadBytes(tensor, done, chunk);
            writer.WriteBytes(tensor, done, chunk);
        }
    }
}
