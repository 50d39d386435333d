using WeightFarcast.Checkpoints;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Sampling;

/// <summary>Builds the forecaster's training rows from reference runs (the paper's weight sampling): each row is one
/// sampled coordinate, its values at the input steps and at the requested horizons. <see cref="SelfSampler"/> reuses
/// the same draw and reads for the target's own steps.</summary>
public static class ReferenceSampler
{
    /// <summary>
    /// Coordinates per regularizer group. The paper sums step lengths over one run's coordinates and batches 32 runs;
    /// here a "run" is a random set of this many coordinates of one reference run, so batch_size keeps its meaning.
    /// </summary>
    public const int CoordinatesPerGroup = 1024;

    public const string GlobalGroup = "*";

    /// <param name="perTensor">One data set per tensor (groups: tensor) instead of one for all coordinates.</param>
    public static IReadOnlyDictionary<string, FitData> Sample(JobPlan plan, int samplePerRun, bool perTensor, int seed, CancellationToken cancellationToken) =>
        Sample(plan, plan.References, RowSteps.ForReferences(plan), samplePerRun, perTensor, seed, cancellationToken);

    /// <summary>Rows from <paramref name="runs"/> at <paramref name="steps"/>: per group and run, a coordinate draw seeded by
    /// <see cref="StableSeed"/>, so the same seed, run number and group always pick the same coordinates.</summary>
    internal static IReadOnlyDictionary<string, FitData> Sample(JobPlan plan, IReadOnlyList<RunCheckpoints> runs, RowSteps steps, int samplePerRun, bool perTensor, int seed,
        CancellationToken cancellationToken, CheckpointGather? sharedGather = null)
    {
        using var ownGather = sharedGather is null ? new CheckpointGather() : null;
        var gather = sharedGather ?? ownGather!;
        var tensors = plan.ForecastTensors.ToList();
        var groups = perTensor
            ? tensors.Select(t => (Name: t.Name, Tensors: (IReadOnlyList<TensorInfo>)[t], Count: PerTensorCount(t, tensors, samplePerRun))).ToList()
            : [(Name: GlobalGroup, Tensors: tensors, Count: samplePerRun)];

        // Runs outer, groups inner: one run's checkpoints are open at a time (all its groups read them), and the next run
        // closes them (CheckpointGather.BeginRun). Each (run, group) draw has its own seed, so the loop order does not
        // change the rows; each group's parts are still concatenated in run order.
        var parts = groups.Select(_ => new List<FitData>(runs.Count)).ToList();
        for (var r = 0; r < runs.Count; r++)
        {
            gather.BeginRun(runs[r]);
            for (var g = 0; g < groups.Count; g++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var group = groups[g];
                var random = new Random(StableSeed(seed, r, group.Name));
                var sample = CoordinateSample.Draw(group.Tensors, group.Count, random);
                parts[g].Add(Rows(plan.InitialStep, runs[r], steps, r, sample, random, gather, cancellationToken));
            }
            // A private gather closes the run's readers right away. A shared one keeps the last run's readers for the
            // caller's next pass (SelfSampler reads the same target for every horizon, so s0 and n are opened once);
            // BeginRun closes them as soon as a different run is read, so handles stay bounded by one run's steps.
            if (ownGather is not null)
                ownGather.CloseAll();
        }

        var result = new Dictionary<string, FitData>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
            result[groups[g].Name] = Concatenate(parts[g]);
        return result;
    }

    /// <summary>
    /// The sampling seed of one reference run and group. FNV-1a, not HashCode/GetHashCode: those are randomized per
    /// process, which made forecasts differ between two runs of the same job.
    /// </summary>
    internal static int StableSeed(int seed, int run, string group)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in $"{seed}|{run}|{group}")
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return (int)(hash & int.MaxValue);
    }

    // Per-tensor maps get a share proportional to their size, with a floor so small tensors still fit a map.
    private static int PerTensorCount(TensorInfo tensor, IReadOnlyList<TensorInfo> all, int samplePerRun)
    {
        var total = all.Sum(t => t.ElementCount);
        var share = (long)Math.Ceiling((double)samplePerRun * tensor.ElementCount / total);
        return (int)Math.Min(tensor.ElementCount, Math.Max(share, 4 * CoordinatesPerGroup));
    }

    private static FitData Rows(int initialStep, RunCheckpoints run, RowSteps steps, int runNumber, CoordinateSample sample, Random random, CheckpointGather gather,
        CancellationToken cancellationToken)
    {
        var rows = sample.Count;
        int k = steps.SourceInputs.Count, h = steps.SourceTargets.Count;
        var inputs = new float[rows * k];
        var targets = new float[rows * h];
        for (var j = 0; j < k; j++)
            gather.Read(run.PathFor(steps.SourceInputs[j]), sample, inputs, j, k, cancellationToken);
        for (var j = 0; j < h; j++)
            gather.Read(run.PathFor(steps.SourceTargets[j]), sample, targets, j, h, cancellationToken);

        float[]? firstDelta = null;
        var gap = 1;
        if (steps.FirstStep is { } first)
        {
            var atInitial = new float[rows];
            var atFirst = new float[rows];
            gather.Read(run.PathFor(initialStep), sample, atInitial, 0, 1, cancellationToken);
            gather.Read(run.PathFor(first), sample, atFirst, 0, 1, cancellationToken);
            firstDelta = new float[rows];
            for (var i = 0; i < rows; i++)
                firstDelta[i] = MathF.Abs(atFirst[i] - atInitial[i]);
            gap = first - initialStep;
        }

        // Regularizer groups: random sets of CoordinatesPerGroup rows, numbered apart per reference run.
        var groupsPerRun = (rows + CoordinatesPerGroup - 1) / CoordinatesPerGroup;
        var order = Enumerable.Range(0, rows).OrderBy(_ => random.Next()).ToArray();
        var runIndex = new int[rows];
        for (var position = 0; position < rows; position++)
            runIndex[order[position]] = runNumber * groupsPerRun + position / CoordinatesPerGroup;
        return new FitData(steps.InputSteps, steps.ObservedStep, steps.HorizonSteps, inputs, targets, runIndex, firstDelta, gap);
    }

    private static FitData Concatenate(IReadOnlyList<FitData> parts)
    {
        var first = parts[0];
        if (parts.Count == 1)
            return first;
        return new FitData(
            first.InputSteps, first.ObservedStep, first.HorizonSteps,
            parts.SelectMany(p => p.Inputs).ToArray(),
            parts.SelectMany(p => p.Targets).ToArray(),
            parts.SelectMany(p => p.RunIndex).ToArray(),
            parts.All(p => p.FirstStepDelta is not null) ? parts.SelectMany(p => p.FirstStepDelta!).ToArray() : null,
            first.FirstStepGap);
    }
}
