using Microsoft.Extensions.Hosting;
using WeightFarcast.Job;

namespace WeightFarcast.Cli.Hosting;

/// <summary>Runs the job once inside the Generic Host and stops the host when it ends, however it ends.</summary>
internal sealed class FarcastWorker(Func<CancellationToken, Task<JobResult>> job, JobOutcome outcome, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            outcome.Succeed(await job(stoppingToken).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            outcome.Fail(e);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
