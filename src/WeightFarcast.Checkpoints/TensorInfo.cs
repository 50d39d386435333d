using System.Collections.Immutable;
using WeightFarcast.Checkpoints.DTypes;

namespace WeightFarcast.Checkpoints;

/// <summary>A tensor's name, element type and shape; an empty shape is a 0-d scalar with one element.</summary>
public sealed record TensorInfo
{
    public TensorInfo(string name, DType dtype, ImmutableArray<long> shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (shape.IsDefault)
            throw new ArgumentException("Shape must not be default.", nameof(shape));
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
                throw new ArgumentOutOfRangeException(nameof(shape), $"Tensor '{name}' has a negative dimension {dim}.");
            count = checked(count * dim);
        }
        Name = name;
        DType = dtype;
        Shape = shape;
        ElementCount = count;
        ByteLength = checked(count * dtype.ElementSize());
    }

    public TensorInfo(string name, DType dtype, params long[] shape)
        : this(name, dtype, ImmutableArray.Create(shape))
    {
    }

    public string Name { get; }

    public DType DType { get; }

    public ImmutableArray<long> Shape { get; }

    public long ElementCount { get; }

    public long ByteLength { get; }

    /// <summary>Float tensors are forecast; the rest are carried through unchanged.</summary>
    public bool IsFloatingPoint => DType.IsFloatingPoint();

    /// <summary>Shape as "[4, 3]" (and "[]" for a scalar), for messages and reports.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    public bool Equals(TensorInfo? other) =>
        other is not null && Name == other.Name && DType == other.DType && Shape.AsSpan().SequenceEqual(other.Shape.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Name, DType, Shape.Length);

    public override string ToString() => $"{Name} {DType.SafetensorsName()} {ShapeText}";
}
