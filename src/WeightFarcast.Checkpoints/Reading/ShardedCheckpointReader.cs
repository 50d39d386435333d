using System.Text.Json;

namespace WeightFarcast.Checkpoints.Reading;

/// <summary>
/// A Hugging Face sharded checkpoint: <c>*.index.json</c> = {"metadata":{"total_size":N,...},"weight_map":{name:file}}
/// plus the shard files beside it. Unknown metadata keys are ignored and total_size is not enforced (writers compute
/// it differently); every weight_map entry must exist in its shard. Tensors a shard holds but the index does not
/// list are not exposed (the index is authoritative, as in transformers). Shard metadata is merged, first shard wins.
/// </summary>
public sealed class ShardedCheckpointReader : CheckpointReaderBase
{
    private readonly Dictionary<string, CheckpointReaderBase> _shards;
    private readonly Dictionary<string, CheckpointReaderBase> _shardByTensor;

    private ShardedCheckpointReader(string path, CheckpointFormat format, Dictionary<string, CheckpointReaderBase> shards, Dictionary<string, string> weightMap)
    {
        Path = path;
        Format = format;
        _shards = shards;
        WeightMap = weightMap;
        _shardByTensor = weightMap.ToDictionary(pair => pair.Key, pair => shards[pair.Value], StringComparer.Ordinal);
        Tensors = shards.OrderBy(s => s.Key, StringComparer.Ordinal)
            .SelectMany(s => s.Value.Tensors.Where(t => weightMap.TryGetValue(t.Name, out var file) && file == s.Key))
            .ToList();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var shard in shards.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            foreach (var (key, value) in shard.Value.Metadata)
                metadata.TryAdd(key, value);
        }
        Metadata = metadata;
    }

    public override string Path { get; }

    public override CheckpointFormat Format { get; }

    public override IReadOnlyDictionary<string, string> Metadata { get; }

    public override IReadOnlyList<TensorInfo> Tensors { get; }

    public override IReadOnlyDictionary<string, string> WeightMap { get; }

    /// <summary>Opens an index file; shards are opened with <paramref name="openShard"/> (safetensors or PyTorch zip).</summary>
    internal static ShardedCheckpointReader Open(string indexPath, CheckpointFormat format, Func<string, CheckpointReaderBase> openShard)
    {
        var weightMap = ReadWeightMap(indexPath);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(indexPath))!;
        var shards = new Dictionary<string, CheckpointReaderBase>(StringComparer.Ordinal);
        try
        {
            foreach (var file in weightMap.Values.Distinct(StringComparer.Ordinal))
                shards[file] = openShard(System.IO.Path.Combine(folder, file));
            foreach (var (tensor, file) in weightMap)
            {
                if (!shards[file].TryGetTensor(tensor, out _))
                    throw new CheckpointFormatException(indexPath, tensor, $"the index places it in '{file}', which does not hold it.");
            }
            return new ShardedCheckpointReader(indexPath, format, shards, weightMap);
        }
        catch
        {
            foreach (var shard in shards.Values)
                shard.Dispose();
            throw;
        }
    }

    /// <summary>The weight_map of an index file, validated: string -> plain file name in the same folder.</summary>
    internal static Dictionary<string, string> ReadWeightMap(string indexPath)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(indexPath));
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(indexPath, $"index is not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(indexPath, $"cannot read the index: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("weight_map", out var map)
                || map.ValueKind != JsonValueKind.Object)
                throw new CheckpointFormatException(indexPath, "index has no \"weight_map\" object.");
            var weightMap = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in map.EnumerateObject())
            {
                if (entry.Value.ValueKind != JsonValueKind.String)
                    throw new CheckpointFormatException(indexPath, entry.Name, "weight_map value is not a file name string.");
                var file = entry.Value.GetString()!;
                if (file.Length == 0 || file != System.IO.Path.GetFileName(file) || file is "." or "..")
                    throw new CheckpointFormatException(indexPath, entry.Name, $"weight_map names '{file}', which is not a file in the index's folder.");
                if (!weightMap.TryAdd(entry.Name, file))
                    throw new CheckpointFormatException(indexPath, entry.Name, "appears twice in weight_map.");
            }
            if (weightMap.Count == 0)
                throw new CheckpointFormatException(indexPath, "index weight_map is empty.");
            return weightMap;
        }
    }

    internal override TensorLocation Locate(string tensor) =>
        _shardByTensor.TryGetValue(tensor, out var shard)
            ? shard.Locate(tensor)
            : throw new CheckpointException(Path, tensor, "no such tensor in this checkpoint.");

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        foreach (var shard in _shards.Values)
            shard.Dispose();
    }
}
