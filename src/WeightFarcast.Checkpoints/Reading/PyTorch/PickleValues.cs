using WeightFarcast.Checkpoints.DTypes;

namespace WeightFarcast.Checkpoints.Reading.PyTorch;

/// <summary>A Python global referenced by the pickle (<c>module.name</c>); never imported or executed.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>A Python tuple.</summary>
internal sealed record PickleTuple(object?[] Items);

/// <summary>A dict or OrderedDict, keeping insertion order (state_dict order).</summary>
internal sealed class PickleDict
{
    public List<KeyValuePair<object?, object?>> Items { get; } = [];
}

/// <summary>The result of calling a global we do not model; kept only so unpickling can continue.</summary>
internal sealed record PickleObject(PickleGlobal Callable, object? Arguments);

/// <summary>A torch storage named by a persistent id: its element type, zip record key and element count.</summary>
internal sealed record StorageReference(DType DType, string Key, long ElementCount);

/// <summary>A tensor rebuilt by <c>torch._utils._rebuild_tensor_v2</c>: a view onto a storage.</summary>
internal sealed record TensorReference(StorageReference Storage, long StorageOffset, long[] Shape, long[] Stride);
