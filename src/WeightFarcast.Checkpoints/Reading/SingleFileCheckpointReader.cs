using Microsoft.Win32.SafeHandles;

namespace WeightFarcast.Checkpoints.Reading;

/// <summary>A checkpoint held in one open file, each tensor at a known absolute offset.</summary>
public abstract class SingleFileCheckpointReader : CheckpointReaderBase
{
    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, long> _absoluteOffsets;

    private protected SingleFileCheckpointReader(string path, SafeFileHandle handle, IReadOnlyList<(TensorInfo Tensor, long Offset)> tensors)
    {
        Path = path;
        _handle = handle;
        Tensors = tensors.Select(t => t.Tensor).ToList();
        _absoluteOffsets = tensors.ToDictionary(t => t.Tensor.Name, t => t.Offset, StringComparer.Ordinal);
        var fileName = System.IO.Path.GetFileName(path);
        WeightMap = Tensors.ToDictionary(t => t.Name, _ => fileName, StringComparer.Ordinal);
    }

    public override string Path { get; }

    public override IReadOnlyList<TensorInfo> Tensors { get; }

    public override IReadOnlyDictionary<string, string> WeightMap { get; }

    internal override TensorLocation Locate(string tensor) =>
        _absoluteOffsets.TryGetValue(tensor, out var offset)
            ? new TensorLocation(_handle, Path, offset, this[tensor])
            : throw new CheckpointException(Path, tensor, "no such tensor in this checkpoint.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _handle.Dispose();
    }
}
