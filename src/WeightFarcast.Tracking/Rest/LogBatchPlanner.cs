namespace WeightFarcast.Tracking;

/// <summary>
/// Splits params, tags and metrics into log-batch requests that respect every server limit
/// (mlflow.md §1.3): 1000 metrics, 100 params, 100 tags, 1000 entities, 1 MB of JSON.
/// Params and tags go first and metrics top the batches up, as MLflow's Python client does;
/// each kind keeps its order across batches.
/// </summary>
internal static class LogBatchPlanner
{
    public const int MaxMetrics = 1000;
    public const int MaxParams = 100;
    public const int MaxTags = 100;
    public const int MaxEntities = 1000;
    public const int MaxBodyBytes = 1_000_000;

    public enum Kind { Param, Tag, Metric }

    public sealed class Batch
    {
        public List<byte[]> Params { get; } = [];
        public List<byte[]> Tags { get; } = [];
        public List<byte[]> Metrics { get; } = [];
        public int Bytes { get; set; }

        public int Entities => Params.Count + Tags.Count + Metrics.Count;

        public List<byte[]> Of(Kind kind) => kind switch
        {
            Kind.Param => Params,
            Kind.Tag => Tags,
            _ => Metrics,
        };

        public bool Fits(Kind kind, byte[] entity) =>
            Of(kind).Count < Limit(kind) && Entities < MaxEntities && Bytes + entity.Length + 1 <= MaxBodyBytes;
    }

    /// <param name="envelopeBytes">Size of the request with empty arrays (run id and field names).</param>
    public static List<Batch> Plan(int envelopeBytes, IReadOnlyList<byte[]> parameters, IReadOnlyList<byte[]> tags, IReadOnlyList<byte[]> metrics)
    {
        var batches = new List<Batch>();
        Place(batches, envelopeBytes, Kind.Param, parameters);
        Place(batches, envelopeBytes, Kind.Tag, tags);
        Place(batches, envelopeBytes, Kind.Metric, metrics);
        return batches;
    }

    private static void Place(List<Batch> batches, int envelopeBytes, Kind kind, IReadOnlyList<byte[]> entities)
    {
        var cursor = 0;
        foreach (var entity in entities)
        {
            if (envelopeBytes + entity.Length + 1 > MaxBodyBytes)
                throw TrackingException.InvalidInput($"One {kind.ToString().ToLowerInvariant()} is larger than MLflow's 1 MB request limit.");
            while (cursor < batches.Count && !batches[cursor].Fits(kind, entity))
                cursor++;
            if (cursor == batches.Count)
                batches.Add(new Batch { Bytes = envelopeBytes });
            var batch = batches[cursor];
            batch.Of(kind).Add(entity);
            batch.Bytes += entity.Length + 1;
        }
    }

    private static int Limit(Kind kind) => kind switch
    {
        Kind.Param => MaxParams,
        Kind.Tag => MaxTags,
        _ => MaxMetrics,
    };
}
