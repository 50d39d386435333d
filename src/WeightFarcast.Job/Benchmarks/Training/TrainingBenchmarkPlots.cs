using ScottPlot;
using WeightFarcast.Job.Reporting;

namespace WeightFarcast.Job.Benchmarks.Training;

/// <summary>
/// Two PNGs per task, averaged over the target seeds (they share one step grid): the real loss curve with each method's
/// forecast loss marked at its horizon, and the farcast-then-continue curves against total steps spent.
/// </summary>
public static class TrainingBenchmarkPlots
{
    private static readonly ForecastMethod[] Marked = [ForecastMethod.Global, ForecastMethod.PerTensor, ForecastMethod.Self, ForecastMethod.LinearExtrapolation];

    public static IReadOnlyList<string> FileNames(TrainingBenchmarkTask task) => [$"training-{task.Key}-loss.png", $"training-{task.Key}-continue.png"];

    public static IReadOnlyList<string> Write(TaskResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var names = FileNames(result.Task);
        return [Save(LossPlot(result), Path.Combine(directory, names[0])), Save(ContinuePlot(result), Path.Combine(directory, names[1]))];
    }

    private static Plot LossPlot(TaskResult result)
    {
        var task = result.Task;
        var plot = new Plot();
        var (steps, losses) = MeanCurve(result.Targets.Select(t => t.ActualCurve).ToList(), 0);
        plot.Add.ScatterLine(steps, losses).LegendText = "actual run (eval loss)";
        var observed = plot.Add.Scatter(new[] { (double)task.ObservedStep }, new[] { result.Forecasts.Average(f => f.ObservedLoss) });
        Points(observed, "w_n (observed)", MarkerShape.FilledSquare);
        foreach (var method in Marked)
        {
            var rows = result.Forecasts.Where(f => f.Method == method).GroupBy(f => f.Horizon).OrderBy(g => g.Key).ToList();
            var points = plot.Add.Scatter(rows.Select(g => (double)g.Key).ToArray(), rows.Select(g => g.Average(f => f.Loss)).ToArray());
            Points(points, $"forecast: {ForecastMethods.Label(method)}", method == ForecastMethod.LinearExtrapolation ? MarkerShape.Cross : MarkerShape.FilledCircle);
        }
        // Linear extrapolation can land far above w_0's loss; the frame stays on the curve and such points fall outside it.
        plot.Axes.SetLimitsY(0, 1.1 * losses.Max());
        plot.Title($"{task.Key}: loss of the forecast weights at H = 2n, 4n, 8n (n = {task.ObservedStep}; mean of {result.Targets.Count} targets)");
        plot.XLabel("training step");
        plot.YLabel("evaluation loss (points above the frame are off-scale)");
        // Lower left stays empty: the curve starts high and the frame reaches down to 0; upper right hides late forecasts.
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }

    private static Plot ContinuePlot(TaskResult result)
    {
        var task = result.Task;
        var n = task.ObservedStep;
        var plot = new Plot();
        var (steps, losses) = MeanCurve(result.Targets.Select(t => t.ActualCurve).ToList(), 0);
        plot.Add.ScatterLine(steps, losses).LegendText = "actual run";
        var (baseSteps, baseLosses) = MeanCurve(result.Targets.Select(t => t.BaselineCurve).ToList(), n);
        plot.Add.ScatterLine(baseSteps, baseLosses).LegendText = "continue from w_n";
        foreach (var horizon in task.Horizons)
        {
            var curves = result.Forecasts.Where(f => f.Method == ForecastMethod.Global && f.Horizon == horizon && f.ContinueCurve is not null).Select(f => f.ContinueCurve!).ToList();
            if (curves.Count == 0)
                continue;
            var (xs, ys) = MeanCurve(curves, n);
            plot.Add.ScatterLine(xs, ys).LegendText = $"continue from global-map forecast of {horizon}";
        }
        var targetLoss = result.Targets.Average(t => t.TargetLoss);
        var target = plot.Add.HorizontalLine(targetLoss);
        target.LegendText = "target loss";
        target.LinePattern = LinePattern.Dashed;
        // Zoomed on the continuations: from n/2 on, between the target loss and a little above w_n's loss.
        var observedLoss = result.Targets.Average(t => t.BaselineCurve[0].Loss);
        plot.Axes.SetLimits(n / 2.0, n + task.ContinueSteps, targetLoss - 0.2 * (observedLoss - targetLoss), observedLoss + 0.5 * (observedLoss - targetLoss));
        plot.Title($"{task.Key}: farcast-then-continue (x = total steps trained: n before the farcast, then k = {task.ContinueSteps})");
        plot.XLabel("total training steps");
        plot.YLabel("evaluation loss");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static void Points(ScottPlot.Plottables.Scatter scatter, string label, MarkerShape shape)
    {
        scatter.LegendText = label;
        scatter.LineWidth = 0;
        scatter.MarkerSize = 9;
        scatter.MarkerShape = shape;
    }

    /// <summary>Point-wise mean of curves on the same grid, shifted by <paramref name="offset"/> steps.</summary>
    private static (double[] Steps, double[] Losses) MeanCurve(IReadOnlyList<IReadOnlyList<LossPoint>> curves, long offset)
    {
        var length = curves.Min(c => c.Count);
        return (Enumerable.Range(0, length).Select(i => (double)(curves[0][i].Step + offset)).ToArray(),
            Enumerable.Range(0, length).Select(i => curves.Average(c => c[i].Loss)).ToArray());
    }

    private static string Save(Plot plot, string path) => FarcastPlots.Save(plot, path, 900, 540);
}
