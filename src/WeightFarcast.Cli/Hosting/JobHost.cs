using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using WeightFarcast.Cli.Rendering;
using WeightFarcast.Job;

namespace WeightFarcast.Cli.Hosting;

/// <summary>Hosts one job as a BackgroundService: Ctrl-C / SIGTERM (the console lifetime) or the caller's token
/// stop the host, which cancels the job; the job's own cleanup then removes any partial output.</summary>
internal static class JobHost
{
    public static async Task<JobResult> RunAsync(CliContext context, Func<CancellationToken, Task<JobResult>> job, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(new TextWriterLoggerProvider(context.Error));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, ConsoleLifetime>();
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = TimeSpan.FromSeconds(30);
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        var outcome = new JobOutcome();
        builder.Services.AddSingleton(outcome);
        builder.Services.AddSingleton(job);
        builder.Services.AddHostedService<FarcastWorker>();

        using var host = builder.Build();
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker recorded how far it got; the outcome below reports the cancellation.
        }
        return outcome.GetResultOrThrow();
    }
}
