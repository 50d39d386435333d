using WeightFarcast.CiIntegration;
using WeightFarcast.Cli.Hosting;
using WeightFarcast.Cli.Rendering;
using WeightFarcast.Job;

namespace WeightFarcast.Cli.Commands;

/// <summary>What `run` and `demo` share: CI detection, progress, the hosted worker, presenting results, and turning
/// a tracking failure (after outputs were written) into its exit code.</summary>
internal static class JobCommandRunner
{
    public static async Task<int> ExecuteAsync(CliContext context, Func<IJobObserver, IReadOnlyDictionary<string, string>, CancellationToken, Task<JobResult>> job, CancellationToken cancellationToken)
    {
        var environment = CiEnvironment.Detect(context.GetEnvironment);
        var secrets = SecretMasker.FromEnvironment(context.Environment.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));
        // CI commands go to stdout where runners scan for them; locally the reporter only prints warnings, on stderr.
        using var ci = CiReporterFactory.Create(environment, environment.Kind == CiKind.None ? context.Error : context.Out, secrets);
        var live = environment.IsInteractive && ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected;
        var observer = new ProgressObserver(context.Error, live, ci);
        var tags = new Dictionary<string, string>(environment.ContextTags, StringComparer.Ordinal);
        if (environment.CommitSha is { } sha)
            tags["mlflow.source.git.commit"] = sha;

        var result = await JobHost.RunAsync(context, ct => job(observer, tags, ct), cancellationToken).ConfigureAwait(false);
        ResultPresenter.Present(result, context.Out, ci);
        if (result.TrackingFailure is { } failure)
            throw failure; // outputs are on disk; the exit code says tracking failed
        return (int)ExitCode.Success;
    }
}
