using System.Text.Encodings.Web;
using System.Text.Json;
using WeightFarcast.Checkpoints.Reading;

namespace WeightFarcast.Checkpoints.Writing;

/// <summary>
/// Writes a Hugging Face sharded checkpoint into a folder: one <see cref="SafetensorsWriter"/> per shard file plus
/// <c>model.safetensors.index.json</c> ({"metadata":{"total_size":sum of tensor bytes},"weight_map":{name:file}}).
/// Commit verifies and fsyncs every shard before renaming any, and writes the index last (also temp + rename), so a
/// reader never sees an index that names missing shards.
/// </summary>
public sealed class ShardedSafetensorsWriter : ICheckpointWriter
{
    private readonly Dictionary<string, SafetensorsWriter> _shards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SafetensorsWriter> _shardByTensor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _weightMap = new(StringComparer.Ordinal);
    private readonly string _indexFileName;

    /// <param name="folder">Output folder (created if missing).</param>
    /// <param name="layout">Every tensor with the shard file name (no folders) that holds it.</param>
    /// <param name="metadata">Provenance written into each shard's <c>__metadata__</c>.</param>
    /// <param name="indexFileName">The index's file name.</param>
    public ShardedSafetensorsWriter(
        string folder,
        IEnumerable<(TensorInfo Tensor, string ShardFile)> layout,
        IReadOnlyDictionary<string, string>? metadata = null,
        string indexFileName = CheckpointReader.SafetensorsIndexName)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Path = System.IO.Path.GetFullPath(folder);
        _indexFileName = indexFileName;
        var entries = layout.ToList();
        foreach (var (tensor, file) in entries)
        {
            if (file != System.IO.Path.GetFileName(file) || !file.EndsWith(".safetensors", StringComparison.Ordinal))
                throw new ArgumentException($"Shard '{file}' for tensor '{tensor.Name}' must be a plain *.safetensors file name.", nameof(layout));
            if (!_weightMap.TryAdd(tensor.Name, file))
                throw new ArgumentException($"Tensor '{tensor.Name}' is listed twice.", nameof(layout));
        }
        try
        {
            foreach (var group in entries.GroupBy(e => e.ShardFile, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var shard = new SafetensorsWriter(System.IO.Path.Combine(Path, group.Key), group.Select(e => e.Tensor), metadata);
                _shards[group.Key] = shard;
                foreach (var (tensor, _) in group)
                    _shardByTensor[tensor.Name] = shard;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
        Tensors = _shards.Values.SelectMany(s => s.Tensors).ToList();
    }

    /// <summary>The output folder.</summary>
    public string Path { get; }

    public IReadOnlyList<TensorInfo> Tensors { get; }

    /// <summary>Total tensor bytes, as written to the index's total_size.</summary>
    public long TotalSize => Tensors.Sum(t => t.ByteLength);

    public void WriteBytes(string tensor, long byteOffset, ReadOnlySpan<byte> data) => Shard(tensor).WriteBytes(tensor, byteOffset, data);

    public void WriteSingles(string tensor, long elementOffset, ReadOnlySpan<float> values) => Shard(tensor).WriteSingles(tensor, elementOffset, values);

    public void Commit()
    {
        foreach (var shard in _shards.Values)
            shard.FlushVerified();
        foreach (var shard in _shards.Values)
            shard.MoveIntoPlace();
        WriteIndex();
    }

    public void Dispose()
    {
        foreach (var shard in _shards.Values)
            shard.Dispose();
    }

    private SafetensorsWriter Shard(string tensor) =>
        _shardByTensor.TryGetValue(tensor, out var shard)
            ? shard
            : throw new ArgumentException($"{Path}: tensor '{tensor}' is not part of this checkpoint's layout.", nameof(tensor));

    private void WriteIndex()
    {
        var indexPath = System.IO.Path.Combine(Path, _indexFileName);
        var tempPath = System.IO.Path.Combine(Path, $".{_indexFileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write))
            {
                using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    json.WriteStartObject();
                    json.WriteStartObject("metadata");
                    json.WriteNumber("total_size", TotalSize);
                    json.WriteEndObject();
                    json.WriteStartObject("weight_map");
                    foreach (var (tensor, file) in _weightMap.OrderBy(p => p.Key, StringComparer.Ordinal))
                        json.WriteString(tensor, file);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, indexPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(tempPath);
            throw new CheckpointException(indexPath, $"cannot write the index: {e.Message}", e);
        }
    }
}
