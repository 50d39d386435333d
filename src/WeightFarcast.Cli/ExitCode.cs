using System.ComponentModel;

namespace WeightFarcast.Cli;

/// <summary>Every exit code the tool uses: the single source of truth (the README table is checked against it).</summary>
public enum ExitCode
{
    [Description("Success.")]
    Success = 0,

    [Description("Unexpected internal error (a bug: please report it with the log).")]
    InternalError = 1,

    [Description("Bad command line (unknown command or option, missing argument).")]
    UsageError = 2,

    [Description("Invalid configuration: YAML syntax, unknown key or a value out of range; the message names the field and line.")]
    ConfigInvalid = 3,

    [Description("An input named by the configuration or command line is missing: file, folder, or a checkpoint step.")]
    InputMissing = 4,

    [Description("A checkpoint file is malformed or unsupported (truncated, bad header, unknown dtype, NaN/Inf under nan_policy: fail, DeepSpeed/FSDP folders).")]
    CheckpointInvalid = 5,

    [Description("Checkpoints disagree: tensor names, shapes or dtypes differ between steps or runs.")]
    CheckpointMismatch = 6,

    [Description("Torch could not be loaded or the requested device does not exist (run `weightfarcast doctor`).")]
    TorchUnavailable = 7,

    [Description("Tracking failed after retries; the forecast outputs were written.")]
    TrackingFailed = 8,

    [Description("Outputs could not be written (disk full, permissions).")]
    OutputFailed = 9,

    [Description("Cancelled (Ctrl-C / SIGTERM); no partial outputs are left.")]
    Cancelled = 130,
}
