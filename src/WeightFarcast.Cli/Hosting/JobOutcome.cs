using System.Runtime.ExceptionServices;
using WeightFarcast.Job;

namespace WeightFarcast.Cli.Hosting;

/// <summary>Carries the worker's result or exception out of the host: a BackgroundService that throws would
/// otherwise be logged and the process would exit 0.</summary>
internal sealed class JobOutcome
{
    private ExceptionDispatchInfo? _error;
    private JobResult? _result;

    public void Succeed(JobResult result) => _result = result;

    public void Fail(Exception exception) => _error = ExceptionDispatchInfo.Capture(exception);

    public JobResult GetResultOrThrow()
    {
        _error?.Throw();
        return _result ?? throw new OperationCanceledException("the job was stopped before it finished");
    }
}
