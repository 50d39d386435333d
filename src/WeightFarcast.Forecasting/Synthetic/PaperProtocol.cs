namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>
/// The paper's evaluation protocol on a <see cref="WeightTrajectories"/> set: runs 0-99 train, 100-149 validate,
/// 150-199 test; inputs from steps 0..20 (n = 20); targets w_21..w_200; one row per (run, coordinate);
/// test MSE reported at t = 40, 60, ..., 200.
/// </summary>
public static class PaperProtocol
{
    public const int ObservedStep = 20;
    public const int LastStep = 200;
    public const int TrainRuns = 100;
    public const int ValidationRuns = 50;

    public static IReadOnlyList<int> ObservedSteps { get; } = Enumerable.Range(0, ObservedStep + 1).ToArray();
    public static IReadOnlyList<int> HorizonSteps { get; } = Enumerable.Range(ObservedStep + 1, LastStep - ObservedStep).ToArray();
    public static IReadOnlyList<int> ReportedSteps { get; } = Enumerable.Range(2, 9).Select(k => 20 * k).ToArray();

    public static bool IsTrainRun(int run) => run < TrainRuns;
    public static bool IsValidationRun(int run) => run is >= TrainRuns and < TrainRuns + ValidationRuns;
    public static bool IsTestRun(int run) => run >= TrainRuns + ValidationRuns;

    /// <summary>Training and validation rows for a scheme (first-step deltas w_1 − w_0, gap 1).</summary>
    public static TrainValidationSplit FittingRows(WeightTrajectories trajectories, InputScheme scheme)
    {
        var inputSteps = InputStepSelector.SelectSteps(scheme, ObservedSteps);
        var rows = Rows(trajectories, inputSteps, run => run < TrainRuns + ValidationRuns);
        return TrainValidationSplit.ByRuns(rows, IsValidationRun);
    }

    /// <summary>FitData for the runs selected, one row per (run, coordinate), row = run-major.</summary>
    public static FitData Rows(WeightTrajectories trajectories, IReadOnlyList<int> inputSteps, Func<int, bool> includeRun)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        var runs = Enumerable.Range(0, trajectories.Runs).Where(includeRun).ToArray();
        int d = trajectories.Dimension, k = inputSteps.Count, h = HorizonSteps.Count;
        var count = runs.Length * d;
        var inputs = new float[count * k];
        var targets = new float[count * h];
        var runIndex = new int[count];
        var firstDelta = new float[count];
        var row = 0;
        foreach (var run in runs)
        {
            for (var c = 0; c < d; c++, row++)
            {
                for (var j = 0; j < k; j++)
                    inputs[row * k + j] = (float)trajectories[run, inputSteps[j], c];
                for (var t = 0; t < h; t++)
                    targets[row * h + t] = (float)trajectories[run, HorizonSteps[t], c];
                runIndex[row] = run;
                firstDelta[row] = (float)(trajectories[run, 1, c] - trajectories[run, 0, c]);
            }
        }
        return new FitData(inputSteps, ObservedStep, HorizonSteps, inputs, targets, runIndex, firstDelta, firstStepGap: 1);
    }

    /// <summary>The test rows' values at one step, as a column (run-major, then coordinate).</summary>
    public static float[] TestColumn(WeightTrajectories trajectories, int step)
    {
        var column = new List<float>();
        for (var run = 0; run < trajectories.Runs; run++)
        {
            if (!IsTestRun(run))
                continue;
            for (var c = 0; c < trajectories.Dimension; c++)
                column.Add((float)trajectories[run, step, c]);
        }
        return column.ToArray();
    }

    /// <summary>
    /// Test MSE at each reported step for a predictor that fills, for a horizon step, the prediction of every test
    /// row given a way to read the test rows' values at any observed step.
    /// </summary>
    public static double[] TestMse(WeightTrajectories trajectories, Action<int, Func<int, float[]>, float[]> predict)
    {
        ArgumentNullException.ThrowIfNull(predict);
        var cache = new Dictionary<int, float[]>();
        float[] Column(int step) => cache.TryGetValue(step, out var c) ? c : cache[step] = TestColumn(trajectories, step);
        return ReportedSteps.Select(step =>
        {
            var truth = Column(step);
            var prediction = new float[truth.Length];
            predict(step, Column, prediction);
            var sum = 0.0;
            for (var i = 0; i < truth.Length; i++)
                sum += ((double)prediction[i] - truth[i]) * ((double)prediction[i] - truth[i]);
            return sum / truth.Length;
        }).ToArray();
    }

    /// <summary>Predictor for a fitted forecaster, through its torch-free apply path.</summary>
    public static Action<int, Func<int, float[]>, float[]> Predictor(FittedForecaster forecaster) => (step, column, output) =>
    {
        var inputs = forecaster.InputSteps.Select(s => (ReadOnlyMemory<float>)column(s)).ToArray();
        forecaster.Apply(forecaster.HorizonIndex(step), inputs, output);
    };

    public static Action<int, Func<int, float[]>, float[]> PersistencePredictor { get; } =
        (_, column, output) => Baselines.Persistence(column(ObservedStep), output);

    public static Action<int, Func<int, float[]>, float[]> LinearExtrapolationPredictor { get; } =
        (step, column, output) => Baselines.LinearExtrapolation(column(0), 0, column(ObservedStep), ObservedStep, step, output);
}
