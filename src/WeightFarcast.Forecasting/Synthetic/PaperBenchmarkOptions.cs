namespace WeightFarcast.Forecasting.Synthetic;

/// <summary>Settings of <see cref="PaperBenchmark.Run"/>; the defaults are the paper's protocol.</summary>
public sealed record PaperBenchmarkOptions
{
    /// <summary>Dataset samples 1..Samples (each seeds its generator).</summary>
    public int Samples { get; init; } = 5;

    /// <summary>Where paper-synthetic.md and paper-synthetic.json are written; null writes nothing.</summary>
    public string? OutputDirectory { get; init; }

    public IReadOnlyList<SyntheticDataset> Datasets { get; init; } = PaperDatasets.All;

    /// <summary>Replaces the paper's lambda (<see cref="PaperDatasets.Lambda"/>) for the datasets listed.</summary>
    public IReadOnlyDictionary<SyntheticDataset, double> LambdaOverrides { get; init; } = new Dictionary<SyntheticDataset, double>();

    /// <summary>
    /// Extra lambdas LFD-2 is refitted with on every dataset and sample to measure the regularizer's effect
    /// (the dataset's own lambda is always reported beside them); empty skips the ablation.
    /// </summary>
    public IReadOnlyList<double> AblationLambdas { get; init; } = [0.0, 1e-2];

    /// <summary>Fit seed of sample 1; sample s uses FitSeed + s − 1 (see <see cref="PaperBenchmark.FitSeed"/>).</summary>
    public ulong FitSeed { get; init; }

    /// <summary>Where every fit starts: the paper's uniform random map, or the persistence map the product uses.</summary>
    public MapInit Init { get; init; } = MapInit.Uniform;

    /// <summary>The command that produced the report, quoted in the Markdown.</summary>
    public string? Command { get; init; }

    /// <summary>Markdown appended under "Findings" (the analysis of a run, written by whoever ran it).</summary>
    public string? Notes { get; init; }

    /// <summary>Human-readable progress lines.</summary>
    public IProgress<string>? Progress { get; init; }
}
