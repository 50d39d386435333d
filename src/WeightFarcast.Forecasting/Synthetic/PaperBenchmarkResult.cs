namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>Test MSE of one method on one dataset: per reported step, mean and population std over samples.</summary>
public sealed record MethodScore(
    string Method,
    double Lambda,
    IReadOnlyList<double> MeanMse,
    IReadOnlyList<double> StdMse,
    IReadOnlyList<IReadOnlyList<double>> SampleMse,
    double MeanFitSeconds,
    double MeanEpochs);

/// <summary>All methods on one dataset, plus LFD-2 refitted at other lambdas.</summary>
public sealed record DatasetBenchmark(
    string Dataset,
    double LearningRate,
    double Lambda,
    IReadOnlyList<MethodScore> Methods,
    IReadOnlyList<MethodScore> RegularizerAblation);

public sealed record PaperBenchmarkResult(
    int Samples,
    IReadOnlyList<int> ReportedSteps,
    IReadOnlyList<DatasetBenchmark> Datasets,
    double ElapsedSeconds,
    string? Command)
{
    public DatasetBenchmark this[string dataset] => Datasets.Single(d => d.Dataset == dataset);
}
