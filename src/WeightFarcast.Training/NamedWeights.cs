using System.Collections;

namespace WeightFarcast.Training;

/// <summary>
/// A model's weights as plain data, in the model's parameter order (e.g. l1.weight, l1.bias, l2.weight, ...).
/// This is what training hands out at each checkpoint and what evaluation takes back; it holds no torch state.
/// </summary>
public sealed class NamedWeights : IReadOnlyList<NamedTensor>
{
    private readonly NamedTensor[] _tensors;
    private readonly Dictionary<string, NamedTensor> _byName;

    public NamedWeights(IEnumerable<NamedTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        _tensors = tensors.ToArray();
        _byName = new Dictionary<string, NamedTensor>(StringComparer.Ordinal);
        foreach (var t in _tensors)
        {
            if (!_byName.TryAdd(t.Name, t))
                throw new ArgumentException($"tensor '{t.Name}' appears twice", nameof(tensors));
        }
    }

    public int Count => _tensors.Length;

    public NamedTensor this[int index] => _tensors[index];

    public IEnumerable<string> Names => _tensors.Select(t => t.Name);

    public long TotalElements => _tensors.Sum(t => t.Values.LongLength);

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NamedTensor? tensor) =>
        _byName.TryGetValue(name, out tensor);

    public NamedTensor Get(string name) =>
        TryGet(name, out var tensor) ? tensor : throw new KeyNotFoundException($"no tensor named '{name}' (have: {string.Join(", ", Names)})");

    public IEnumerator<NamedTensor> GetEnumerator() => ((IEnumerable<NamedTensor>)_tensors).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
