using TorchSharp;

namespace WeightFarcast.TorchRuntime;

/// <summary>
/// Scalars that stay alive for as long as this object does. TorchSharp 0.107's <see cref="Scalar"/> has a finalizer,
/// and its P/Invoke wrappers read <c>scalar.Handle</c> without keeping the Scalar alive: an implicit double→Scalar
/// (including the hidden <c>alpha = 1</c> of <c>add(Tensor)</c>) can be collected and freed by the finalizer thread
/// while libtorch still reads it, if another thread triggers a GC during the call. In Release builds this showed as
/// libtorch's "Expected false to be true" from <c>Scalar::toFloat</c> inside Adam. Hot loops pass scalars from here.
/// </summary>
public sealed class KeptScalars : IDisposable
{
    private readonly Dictionary<double, Scalar> _byValue = [];

    public Scalar One => this[1.0];

    public Scalar this[double value]
    {
        get
        {
            if (!_byValue.TryGetValue(value, out var scalar))
                _byValue[value] = scalar = value.ToScalar();
            return scalar;
        }
    }

    public void Dispose()
    {
        foreach (var scalar in _byValue.Values)
            scalar.Dispose();
        _byValue.Clear();
    }
}
