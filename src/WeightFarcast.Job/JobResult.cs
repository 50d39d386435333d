using WeightFarcast.Job.Reporting;
using WeightFarcast.Tracking;

namespace WeightFarcast.Job;

/// <summary>A finished job: its report and files, and whether tracking failed after the outputs were written.</summary>
public sealed record JobResult(
    FarcastReport Report,
    string ReportJsonPath,
    string ReportMarkdownPath,
    string ForecasterPath,
    IReadOnlyList<string> ForecastPaths,
    TrackingException? TrackingFailure);
