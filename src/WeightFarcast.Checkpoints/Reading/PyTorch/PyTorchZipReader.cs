using Microsoft.Win32.SafeHandles;
using WeightFarcast.Checkpoints.DTypes;

namespace WeightFarcast.Checkpoints.Reading.PyTorch;

/// <summary>
/// A torch.save zip state_dict (<c>&lt;archive&gt;/data.pkl</c> + <c>&lt;archive&gt;/data/&lt;key&gt;</c> storages).
/// Storages are stored uncompressed, so each tensor is read in place at its offset inside the zip. Values that are
/// not tensors (e.g. an epoch counter stored as a Python int) are skipped; a checkpoint dict whose tensors sit under
/// "state_dict", "model" or "module" (Lightning, common training scripts) is unwrapped.
/// </summary>
public sealed class PyTorchZipReader : SingleFileCheckpointReader
{
    private const int MaxPickleBytes = 1 << 30;
    private static readonly string[] NestedStateDictKeys = ["state_dict", "model", "module"];

    private PyTorchZipReader(string path, SafeFileHandle handle, List<(TensorInfo Tensor, long Offset)> tensors)
        : base(path, handle, tensors)
    {
    }

    public override CheckpointFormat Format => CheckpointFormat.PyTorchZip;

    public override IReadOnlyDictionary<string, string> Metadata { get; } = new Dictionary<string, string>();

    public static PyTorchZipReader Open(string path)
    {
        var handle = FileOpening.OpenForRead(path);
        try
        {
            var entries = ZipDirectory.Read(handle, path);
            var pickle = entries.Values.FirstOrDefault(e => e.Name.EndsWith("data.pkl", StringComparison.Ordinal) && e.Name.Count(c => c == '/') == 1)
                ?? throw new CheckpointFormatException(path, "zip archive has no <archive>/data.pkl: not a torch.save file.");
            var prefix = pickle.Name[..^"data.pkl".Length];
            var root = StateDictUnpickler.Load(ReadStoredEntry(handle, path, pickle), path);
            var stateDict = FindStateDict(root)
                ?? throw new CheckpointFormatException(path, "the pickle holds no dict of tensors (expected a state_dict).");
            var tensors = new List<(TensorInfo, long)>();
            foreach (var (key, value) in stateDict.Items)
            {
                if (value is not TensorReference tensor)
                    continue;
                if (key is not string name)
                    throw new CheckpointFormatException(path, $"state_dict key {key} is not a string.");
                tensors.Add(Resolve(path, name, tensor, entries, prefix));
            }
            if (tensors.Select(t => t.Item1.Name).Distinct(StringComparer.Ordinal).Count() != tensors.Count)
                throw new CheckpointFormatException(path, "state_dict names a tensor twice.");
            return new PyTorchZipReader(path, handle, tensors);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static PickleDict? FindStateDict(object? root)
    {
        if (root is not PickleDict dict)
            return null;
        if (dict.Items.Any(item => item.Value is TensorReference))
            return dict;
        foreach (var key in NestedStateDictKeys)
        {
            var nested = dict.Items.FirstOrDefault(item => Equals(item.Key, key)).Value as PickleDict;
            if (nested is not null && nested.Items.Any(item => item.Value is TensorReference))
                return nested;
        }
        return null;
    }

    private static (TensorInfo, long) Resolve(string path, string name, TensorReference tensor, Dictionary<string, ZipEntry> entries, string prefix)
    {
        TensorInfo info;
        try
        {
            info = new TensorInfo(name, tensor.Storage.DType, tensor.Shape);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw new CheckpointFormatException(path, name, $"invalid shape [{string.Join(", ", tensor.Shape)}].", e);
        }
        CheckContiguous(path, info, tensor);
        var storageName = prefix + "data/" + tensor.Storage.Key;
        if (!entries.TryGetValue(storageName, out var entry))
            throw new CheckpointFormatException(path, name, $"storage record '{storageName}' is missing from the zip.");
        if (entry.Method != ZipEntry.Stored)
            throw new CheckpointFormatException(path, name, $"storage record '{storageName}' is compressed (method {entry.Method}); torch.save stores them uncompressed.");
        var size = info.DType.ElementSize();
        var storageBytes = tensor.Storage.ElementCount * size;
        if (tensor.StorageOffset < 0 || tensor.StorageOffset > tensor.Storage.ElementCount - info.ElementCount || entry.CompressedSize < storageBytes)
            throw new CheckpointFormatException(path, name,
                $"elements [{tensor.StorageOffset}, {tensor.StorageOffset + info.ElementCount}) do not fit storage '{tensor.Storage.Key}' of {tensor.Storage.ElementCount} elements ({entry.CompressedSize} bytes stored).");
        return (info, entry.DataOffset + tensor.StorageOffset * size);
    }

    private static void CheckContiguous(string path, TensorInfo info, TensorReference tensor)
    {
        if (tensor.Stride.Length != tensor.Shape.Length)
            throw new CheckpointFormatException(path, info.Name, "stride and shape have different ranks.");
        if (info.ElementCount == 0)
            return;
        long expected = 1;
        for (var d = tensor.Shape.Length - 1; d >= 0; d--)
        {
            // A dimension of size 1 may carry any stride without changing the memory layout.
            if (tensor.Shape[d] != 1 && tensor.Stride[d] != expected)
                throw new CheckpointFormatException(path, info.Name,
                    $"is not contiguous (shape {info.ShapeText}, stride [{string.Join(", ", tensor.Stride)}]). Save it with tensor.contiguous() or convert to safetensors.");
            expected *= tensor.Shape[d];
        }
    }

    private static byte[] ReadStoredEntry(SafeFileHandle handle, string path, ZipEntry entry)
    {
        if (entry.Method != ZipEntry.Stored)
            throw new CheckpointFormatException(path, $"'{entry.Name}' is compressed (method {entry.Method}); torch.save stores it uncompressed.");
        if (entry.CompressedSize > MaxPickleBytes)
            throw new CheckpointFormatException(path, $"'{entry.Name}' is {entry.CompressedSize} bytes; larger than any state_dict pickle we accept.");
        var bytes = new byte[entry.CompressedSize];
        FileOpening.ReadExactly(handle, path, bytes, entry.DataOffset);
        return bytes;
    }
}
