using TorchSharp;
using static TorchSharp.torch;

namespace WeightFarcast.Training;

/// <summary>Moves weights between a torch module's parameters and <see cref="NamedWeights"/>.</summary>
public static class ModuleWeights
{
    /// <summary>Copies every parameter out (float32, CPU) in the module's own order.</summary>
    public static NamedWeights Capture(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var tensors = new List<NamedTensor>();
        using var scope = NewDisposeScope();
        foreach (var (name, parameter) in module.named_parameters())
        {
            var values = parameter.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
            tensors.Add(new NamedTensor(name, parameter.shape, values));
        }
        return new NamedWeights(tensors);
    }

    /// <summary>
    /// Overwrites the module's parameters. The names must be exactly the module's parameter names and every
    /// shape must match; otherwise nothing is changed and the message names the offending tensor.
    /// </summary>
    public static void Load(nn.Module module, NamedWeights weights)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(weights);
        var parameters = module.named_parameters().ToList();
        Validate(parameters, weights);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters)
        {
            var source = weights.Get(name);
            parameter.copy_(tensor(source.Values, source.Shape).to(parameter.dtype, parameter.device));
        }
    }

    private static void Validate(List<(string Name, TorchSharp.Modules.Parameter Parameter)> parameters, NamedWeights weights)
    {
        var expected = parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var missing = parameters.Select(p => p.Name).Where(n => !weights.TryGet(n, out _)).ToList();
        var unexpected = weights.Names.Where(n => !expected.Contains(n)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
                parts.Add($"missing tensor(s) {string.Join(", ", missing.Select(n => $"'{n}'"))}");
            if (unexpected.Count > 0)
                parts.Add($"unexpected tensor(s) {string.Join(", ", unexpected.Select(n => $"'{n}'"))}");
            throw new ArgumentException($"weights do not fit the model: {string.Join("; ", parts)} (model expects {string.Join(", ", expected)})", nameof(weights));
        }
        foreach (var (name, parameter) in parameters)
        {
            var shape = weights.Get(name).Shape;
            if (!shape.SequenceEqual(parameter.shape))
                throw new ArgumentException($"tensor '{name}' has shape {NamedTensor.FormatShape(shape)} but the model expects {NamedTensor.FormatShape(parameter.shape)}", nameof(weights));
        }
    }
}
