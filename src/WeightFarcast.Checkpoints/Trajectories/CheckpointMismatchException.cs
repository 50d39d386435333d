namespace WeightFarcast.Checkpoints.Trajectories;

/// <summary>Checkpoints that must share a layout do not; carries every mismatch, not just the first.</summary>
public sealed class CheckpointMismatchException : CheckpointException
{
    private const int ListedInMessage = 20;

    public CheckpointMismatchException(string filePath, IReadOnlyList<CheckpointMismatch> mismatches)
        : base(filePath, Describe(mismatches))
    {
        Mismatches = mismatches;
    }

    public IReadOnlyList<CheckpointMismatch> Mismatches { get; }

    private static string Describe(IReadOnlyList<CheckpointMismatch> mismatches)
    {
        var lines = mismatches.Take(ListedInMessage).Select(m => "  - " + m.Message).ToList();
        if (mismatches.Count > ListedInMessage)
            lines.Add($"  ... and {mismatches.Count - ListedInMessage} more");
        return $"{mismatches.Count} tensor mismatch(es) with the reference checkpoint:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
