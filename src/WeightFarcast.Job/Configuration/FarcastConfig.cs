using System.ComponentModel;

namespace WeightFarcast.Job.Configuration;

// The YAML (version 1) configuration of a farcast job. Keys are snake_case in YAML and in the JSON schema;
// every default lives here, so `init`, `config show` and the schema all read the same values.

[Description("WeightFarcast job configuration (version 1).")]
public sealed class FarcastConfig
{
    [Description("Configuration format version. Only 1 exists.")]
    public int Version { get; set; } = 1;

    [Description("The run to farcast: its checkpoints, w_0 and w_n.")]
    public TargetConfig Target { get; set; } = new();

    [Description("Runs of the same architecture the forecaster learns from (paths or patterns with {step}). Not needed when forecaster.load is set; not allowed with forecaster.source: self.")]
    public List<string> Reference { get; set; } = [];

    [Description("The 1-layer forecaster and how it is fitted.")]
    public ForecasterConfig Forecaster { get; set; } = new();

    [Description("Absolute training steps to predict; each must be greater than target.observed_step.")]
    public List<long> Horizons { get; set; } = [];

    [Description("Where and how predicted checkpoints are written.")]
    public OutputConfig Output { get; set; } = new();

    [Description("Compare each forecast with the target's own checkpoint at that step when it exists.")]
    public bool Backtest { get; set; } = true;

    [Description("Compute device: auto | cpu | cuda | cuda:N. Overridden by WEIGHTFARCAST_DEVICE.")]
    public string Device { get; set; } = "auto";

    [Description("What to do with NaN or Inf values in input weights: fail | carry (carry them through unchanged).")]
    public string NanPolicy { get; set; } = "fail";

    [Description("Experiment tracking (MLflow).")]
    public TrackingConfig Tracking { get; set; } = new();

    [Description("Loss-based acceptance: run your evaluation command on w_n and on every forecast; forecasts whose loss is worse are rejected (written, not published).")]
    public AcceptanceConfig Acceptance { get; set; } = new();
}

public sealed class AcceptanceConfig
{
    [Description("Shell command that evaluates one checkpoint and prints its loss as the last line of stdout (a number, `loss=<x>`, `loss: <x>` or JSON {\"loss\": x}); {checkpoint} is replaced by the quoted path. null: acceptance off.")]
    public string? Command { get; set; }

    [Description("not-worse-than-observed: a forecast is accepted when its loss is at most w_n's.")]
    public string Rule { get; set; } = "not-worse-than-observed";

    [Description("Seconds one evaluation may take before it is killed and counted as failed.")]
    public double TimeoutSeconds { get; set; } = 600;
}

public sealed class TargetConfig
{
    [Description("Checkpoints of the run to farcast: a path pattern with {step}, or a folder of checkpoint-<step>/ directories.")]
    public string Checkpoints { get; set; } = "";

    [Description("Step of w_0, the initial weights.")]
    public long InitialStep { get; set; }

    [Description("Step of w_n, the last observed weights. Default: the latest step found.")]
    public long? ObservedStep { get; set; }
}

public sealed class ForecasterConfig
{
    public const string FromReferences = "references";
    public const string FromSelf = "self";

    [Description("What the map is learned from: references (the reference runs, as in the paper) | self (the target's own trajectory, for when no reference runs exist). "
        + "self assumes self-similar, power-law-in-time training: for each horizon H it fits the target's (w_s0, w_m) -> w_n, m = s0 + (n - s0)^2 / (H - s0), "
        + "and applies that map to (w_s0, w_n); it needs inputs [initial, observed], no reference, and the target's checkpoint at every such m; "
        + "the regularizer L_grad is off (it needs a reference run's first step). Ignored when load is set.")]
    public string Source { get; set; } = FromReferences;

    [Description("Input steps of each coordinate: [initial, observed] is the paper's LFD-2; [observed] is LFL; [sampled4], [introspection] and [history] are the paper's comparisons.")]
    public List<string> Inputs { get; set; } = ["initial", "observed"];

    [Description("global: one map shared by every coordinate (as in the paper); tensor: one map per tensor.")]
    public string Groups { get; set; } = "global";

    [Description("Fitting loss. Only l1 (as in the paper).")]
    public string Loss { get; set; } = "l1";

    [Description("The step-length regularizer L_grad.")]
    public RegularizerConfig Regularizer { get; set; } = new();

    [Description("Coordinates sampled per reference run (the paper's weight sampling), or from the target with source: self.")]
    public int Sample { get; set; } = 200_000;

    [Description("Adam settings and early stopping.")]
    public OptimizerConfig Optimizer { get; set; } = new();

    [Description("Fraction of the sampled rows held out for early stopping.")]
    public double ValidationFraction { get; set; } = 0.25;

    [Description("Seed of sampling, initialisation and shuffling: the same inputs and seed give the same forecaster.")]
    public int Seed { get; set; }

    [Description("A saved forecaster (forecaster.safetensors) to apply instead of fitting one; it wins over source.")]
    public string? Load { get; set; }
}

public sealed class RegularizerConfig
{
    [Description("Weight of L_grad in the loss (1e-6 in the paper).")]
    public double Lambda { get; set; } = 1e-6;

    [Description("Predicted step pairs penalised: last (as in the paper) | all.")]
    public string Pairs { get; set; } = "last";
}

public sealed class OptimizerConfig
{
    [Description("Adam learning rate.")]
    public double LearningRate { get; set; } = 0.004;

    [Description("Mini-batch size.")]
    public int BatchSize { get; set; } = 32;

    [Description("Upper bound on epochs.")]
    public int MaxEpochs { get; set; } = 10_000;

    [Description("Epochs without a better validation loss before stopping.")]
    public int Patience { get; set; } = 5;

    [Description("Starting map: persistence (w_H = w_n, so an early stop never leaves a half-fitted random map) | uniform (nn.Linear's default, as in the paper).")]
    public string Init { get; set; } = InitPersistence;

    public const string InitUniform = "uniform";
    public const string InitPersistence = "persistence";
}

public sealed class OutputConfig
{
    [Description("Folder for step-<h> checkpoints, the forecaster and the reports.")]
    public string Directory { get; set; } = "out/farcast";

    [Description("Dtype of written forecasts: same | f32 | f16 | bf16.")]
    public string Dtype { get; set; } = "same";

    [Description("Also upload the forecast checkpoints to tracking as artifacts (they can be large).")]
    public bool LogCheckpoints { get; set; }
}

public sealed class TrackingConfig
{
    [Description("none | a folder (embedded MLflow file store) | file:/... | http(s)://MLflow server. Overridden by MLFLOW_TRACKING_URI.")]
    public string Uri { get; set; } = "./mlruns";

    [Description("MLflow experiment name.")]
    public string Experiment { get; set; } = "weight-farcast";

    [Description("MLflow run name. Default: farcast-<target folder>-<observed step>.")]
    public string? RunName { get; set; }

    [Description("When the tracking server fails after retries: fail (exit code 8, outputs kept) | fallback (record to fallback_directory and warn).")]
    public string OnFailure { get; set; } = "fail";

    [Description("Local mlruns folder used when on_failure is fallback.")]
    public string FallbackDirectory { get; set; } = "./mlruns";

    [Description("Per-request timeout in seconds for the MLflow REST API.")]
    public double TimeoutSeconds { get; set; } = 120;

    [Description("Retries on 408/429/5xx and connection errors.")]
    public int MaxRetries { get; set; } = 5;
}
