using WeightFarcast.CiIntegration;
using WeightFarcast.Job;
using WeightFarcast.Job.Reporting;

namespace WeightFarcast.Cli.Rendering;

/// <summary>Results go to stdout (a short table and the paths); in CI also the step summary and step outputs.</summary>
internal static class ResultPresenter
{
    public static void Present(JobResult result, TextWriter output, ICiReporter ci)
    {
        // Rejected forecasts stay on disk for inspection but are not the stage's output.
        var published = result.Report.Horizons.Where(h => h.Published).Select(h => h.Output).ToList();
        var rejected = result.Report.Horizons.Where(h => !h.Published).Select(h => h.Output).ToList();
        output.WriteLine();
        output.Write(ReportWriter.HorizonTable(result.Report));
        output.WriteLine();
        output.WriteLine($"forecasts:  {string.Join(", ", published)}");
        if (rejected.Count > 0)
            output.WriteLine($"rejected:   {string.Join(", ", rejected)}");
        output.WriteLine($"forecaster: {result.ForecasterPath}");
        output.WriteLine($"report:     {result.ReportJsonPath}");
        if (result.Report.Tracking is { } tracking)
            output.WriteLine($"tracking:   {tracking.Status}{(tracking.Location is null ? "" : $" ({tracking.Location})")}");

        ci.AppendSummary(File.ReadAllText(result.ReportMarkdownPath));
        ci.SetOutput("report", result.ReportJsonPath);
        ci.SetOutput("forecasts", string.Join('\n', published));
        ci.SetOutput("rejected", string.Join('\n', rejected));
        foreach (var horizon in result.Report.Horizons.Where(h => h.Forecast is not null && !h.BeatsBaselines))
            ci.Warning($"the forecast for step {horizon.Step} does not beat both baselines (see {result.ReportMarkdownPath})");
    }
}
