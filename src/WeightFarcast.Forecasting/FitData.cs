namespace WeightFarcast.Forecasting;

/// <summary>
/// Rows for fitting one map: each row is one scalar coordinate of one reference run. Arrays are row-major:
/// <see cref="Inputs"/> is [rows × k] (values at <see cref="InputSteps"/>), <see cref="Targets"/> is [rows × H]
/// (values at <see cref="HorizonSteps"/>). <see cref="RunIndex"/> names the group of rows (run) each row belongs to;
/// the regularizer sums step lengths over the rows of one run. <see cref="FirstStepDelta"/> holds w_first - w_0
/// per row, where w_first is the checkpoint <see cref="FirstStepGap"/> training steps after w_0; it is needed only
/// for training with an active regularizer.
/// </summary>
public sealed class FitData
{
    public FitData(
        IReadOnlyList<int> inputSteps,
        int observedStep,
        IReadOnlyList<int> horizonSteps,
        float[] inputs,
        float[] targets,
        int[] runIndex,
        float[]? firstStepDelta = null,
        int firstStepGap = 1)
    {
        ArgumentNullException.ThrowIfNull(inputSteps);
        ArgumentNullException.ThrowIfNull(horizonSteps);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(runIndex);
        if (inputSteps.Count == 0 || horizonSteps.Count == 0)
            throw new ArgumentException("at least one input step and one horizon are needed");
        for (var h = 0; h < horizonSteps.Count; h++)
        {
            if (horizonSteps[h] <= observedStep || (h > 0 && horizonSteps[h] <= horizonSteps[h - 1]))
                throw new ArgumentException("horizon steps must be ascending and after the observed step", nameof(horizonSteps));
        }
        if (inputSteps.Any(s => s > observedStep))
            throw new ArgumentException("input steps cannot lie after the observed step", nameof(inputSteps));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstStepGap);
        var rows = runIndex.Length;
        if (inputs.Length != rows * inputSteps.Count)
            throw new ArgumentException($"inputs hold {inputs.Length} values, expected {rows} rows × {inputSteps.Count}", nameof(inputs));
        if (targets.Length != rows * horizonSteps.Count)
            throw new ArgumentException($"targets hold {targets.Length} values, expected {rows} rows × {horizonSteps.Count}", nameof(targets));
        if (firstStepDelta is not null && firstStepDelta.Length != rows)
            throw new ArgumentException("one first-step delta per row is needed", nameof(firstStepDelta));
        if (runIndex.Any(r => r < 0))
            throw new ArgumentException("run indices must be non-negative", nameof(runIndex));

        InputSteps = [.. inputSteps];
        ObservedStep = observedStep;
        HorizonSteps = [.. horizonSteps];
        Inputs = inputs;
        Targets = targets;
        RunIndex = runIndex;
        FirstStepDelta = firstStepDelta;
        FirstStepGap = firstStepGap;
    }

    public IReadOnlyList<int> InputSteps { get; }
    public int ObservedStep { get; }
    public IReadOnlyList<int> HorizonSteps { get; }
    public float[] Inputs { get; }
    public float[] Targets { get; }
    public int[] RunIndex { get; }
    public float[]? FirstStepDelta { get; }
    public int FirstStepGap { get; }

    public int Rows => RunIndex.Length;
    public int InputCount => InputSteps.Count;
    public int HorizonCount => HorizonSteps.Count;

    /// <summary>A new set holding the given rows, in the given order.</summary>
    public FitData SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int k = InputCount, h = HorizonCount;
        var inputs = new float[rows.Count * k];
        var targets = new float[rows.Count * h];
        var runs = new int[rows.Count];
        var deltas = FirstStepDelta is null ? null : new float[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            Array.Copy(Inputs, r * k, inputs, i * k, k);
            Array.Copy(Targets, r * h, targets, i * h, h);
            runs[i] = RunIndex[r];
            if (deltas is not null)
                deltas[i] = FirstStepDelta![r];
        }
        return new FitData(InputSteps, ObservedStep, HorizonSteps, inputs, targets, runs, deltas, FirstStepGap);
    }

    /// <summary>A new set holding the rows whose run satisfies <paramref name="keepRun"/>.</summary>
    public FitData SelectRuns(Func<int, bool> keepRun)
    {
        ArgumentNullException.ThrowIfNull(keepRun);
        var rows = new List<int>();
        for (var r = 0; r < Rows; r++)
        {
            if (keepRun(RunIndex[r]))
                rows.Add(r);
        }
        return SelectRows(rows);
    }
}
