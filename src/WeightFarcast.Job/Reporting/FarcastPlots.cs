using ScottPlot;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Output;

namespace WeightFarcast.Job.Reporting;

/// <summary>PNG plots for tracking and humans: the fit curve, and weight error vs horizon for forecast and baselines.</summary>
public static class FarcastPlots
{
    public static IReadOnlyList<string> Write(FarcastReport report, IReadOnlyList<EpochProgress> history, string directory)
    {
        var written = new List<string>();
        if (history.Count > 0)
        {
            var plot = new Plot();
            foreach (var group in history.GroupBy(e => e.Group).Take(8))
            {
                var epochs = group.Select(e => (double)e.Epoch).ToArray();
                var label = group.Key is null ? "" : $" ({group.Key})";
                plot.Add.ScatterLine(epochs, group.Select(e => e.TrainLoss).ToArray()).LegendText = $"train L1{label}";
                plot.Add.ScatterLine(epochs, group.Select(e => e.ValidationLoss).ToArray()).LegendText = $"validation L1{label}";
            }
            plot.Title("Forecaster fit");
            plot.XLabel("epoch");
            plot.YLabel("L1 loss");
            plot.ShowLegend();
            written.Add(Save(plot, Path.Combine(directory, "fit-curve.png")));
        }

        var backtested = report.Horizons.Where(h => h.Forecast is not null && h.Baselines is not null).ToList();
        if (backtested.Count > 0)
        {
            var plot = new Plot();
            var steps = backtested.Select(h => (double)h.Step).ToArray();
            plot.Add.ScatterLine(steps, backtested.Select(h => Math.Log10(h.Forecast!.Mse)).ToArray()).LegendText = "forecast";
            plot.Add.ScatterLine(steps, backtested.Select(h => Math.Log10(h.Baselines!.Persistence.Mse)).ToArray()).LegendText = "persistence";
            plot.Add.ScatterLine(steps, backtested.Select(h => Math.Log10(h.Baselines!.LinearExtrapolation.Mse)).ToArray()).LegendText = "linear extrapolation";
            plot.Title("Weight error vs horizon");
            plot.XLabel("training step");
            plot.YLabel("log10 MSE vs actual weights");
            plot.ShowLegend();
            written.Add(Save(plot, Path.Combine(directory, "error-vs-horizon.png")));
        }
        return written;
    }

    /// <summary>Writes a plot as PNG through <see cref="AtomicFile"/> (no half-written image on a crash).</summary>
    internal static string Save(Plot plot, string path, int width = 800, int height = 500)
    {
        AtomicFile.Write(path, stream => stream.Write(plot.GetImageBytes(width, height, ImageFormat.Png)));
        return path;
    }
}
