using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.Trajectories;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Planning;
using WeightFarcast.TorchRuntime;
using WeightFarcast.Tracking;

namespace WeightFarcast.Cli;

/// <summary>The single mapping from what went wrong to the documented exit code.</summary>
public static class ExitCodeMapping
{
    public static ExitCode FromException(Exception exception) => exception switch
    {
        OperationCanceledException => ExitCode.Cancelled,
        ConfigException => ExitCode.ConfigInvalid,
        JobInputException => ExitCode.InputMissing,
        CheckpointMismatchException => ExitCode.CheckpointMismatch,
        CheckpointException e when e.InnerException is FileNotFoundException or DirectoryNotFoundException => ExitCode.InputMissing,
        CheckpointException => ExitCode.CheckpointInvalid,
        TorchUnavailableException => ExitCode.TorchUnavailable,
        TrackingException => ExitCode.TrackingFailed,
        IOException or UnauthorizedAccessException => ExitCode.OutputFailed,
        AggregateException { InnerExceptions.Count: 1 } a => FromException(a.InnerExceptions[0]),
        _ => ExitCode.InternalError,
    };

    /// <summary>Where a problem stands, for CI annotations: config problems point at their YAML line.</summary>
    public static IEnumerable<(string Message, string? File, int? Line, int? Column)> Locate(Exception exception) => exception switch
    {
        ConfigException c => c.Problems.Select(p => (p.Message, p.File, p.Line, p.Column)),
        CheckpointException c => [(c.Message, c.FilePath, null, null)],
        JobInputException j => [(j.Message, j.Path, null, null)],
        _ => [(exception.Message, null, null, null)],
    };
}
