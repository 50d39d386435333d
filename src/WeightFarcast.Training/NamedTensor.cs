namespace WeightFarcast.Training;

/// <summary>One float32 tensor as plain data: its parameter name, shape and row-major values.</summary>
public sealed record NamedTensor
{
    public NamedTensor(string name, long[] shape, float[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"tensor '{name}' has a negative dimension in shape {FormatShape(shape)}", nameof(shape));
        var elements = shape.Aggregate(1L, (product, d) => product * d);
        if (elements != values.LongLength)
            throw new ArgumentException($"tensor '{name}' has shape {FormatShape(shape)} ({elements} elements) but {values.LongLength} values", nameof(values));
        Name = name;
        Shape = shape;
        Values = values;
    }

    public string Name { get; }

    public long[] Shape { get; }

    public float[] Values { get; }

    public static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(", ", shape) + "]";
}
