using WeightFarcast.Checkpoints.Reading;

namespace WeightFarcast.Checkpoints.Statistics;

/// <summary>Finds tensors with NaN/Inf values and applies a <see cref="NonFinitePolicy"/>.</summary>
public static class NonFiniteCheck
{
    /// <summary>Streams every float tensor and returns those holding NaN or infinities (integer tensors cannot).</summary>
    public static IReadOnlyList<NonFiniteTensor> Scan(ICheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Find(reader.Tensors.Where(t => t.IsFloatingPoint)
            .Select(t => (t.Name, TensorStatisticsCalculator.Compute(reader, t.Name))));
    }

    /// <summary>The tensors among already computed statistics that hold NaN or infinities.</summary>
    public static IReadOnlyList<NonFiniteTensor> Find(IEnumerable<(string Name, TensorStatistics Statistics)> statistics) =>
        statistics.Where(s => s.Statistics.HasNonFinite)
            .Select(s => new NonFiniteTensor(s.Name, s.Statistics.NaNCount, s.Statistics.InfCount))
            .ToList();

    /// <summary>Scans and applies the policy: throws <see cref="NonFiniteValuesException"/> under Fail, else returns the findings.</summary>
    public static IReadOnlyList<NonFiniteTensor> Enforce(ICheckpointReader reader, NonFinitePolicy policy) =>
        Enforce(reader.Path, Scan(reader), policy);

    /// <summary>Applies the policy to findings already made (e.g. during inspection).</summary>
    public static IReadOnlyList<NonFiniteTensor> Enforce(string filePath, IReadOnlyList<NonFiniteTensor> findings, NonFinitePolicy policy)
    {
        if (policy == NonFinitePolicy.Fail && findings.Count > 0)
            throw new NonFiniteValuesException(filePath, findings);
        return findings;
    }
}
