using System.CommandLine;
using WeightFarcast.Cli.Commands;
using WeightFarcast.CiIntegration;

namespace WeightFarcast.Cli;

/// <summary>Builds the command tree and runs one command line; the only place outcomes become exit codes.</summary>
public static class CliApplication
{
    public static RootCommand BuildRoot(CliContext context)
    {
        var root = CreateRoot(context);
        foreach (var version in root.Options.OfType<VersionOption>())
            version.Action = new PrintVersionAction();
        return root;
    }

    private static RootCommand CreateRoot(CliContext context) => new(
        "weightfarcast: predicts a network's far-future weights from two checkpoints (w_0, w_n) with the 1-layer farcaster " +
        "of Shou et al. (DASFAA 2025), backtests them and tracks the run in MLflow.\n\nExit codes:\n" + ExitCodeTable.PlainText())
    {
        RunCommand.Create(context),
        MergeCommand.Create(context),
        DemoCommand.Create(context),
        ConfigCommands.Init(context),
        ConfigCommands.Validate(context),
        ConfigCommands.Show(context),
        ConfigCommands.Schema(context),
        InspectCommand.Create(context),
        EvaluateCommand.Create(context),
        BenchCommand.Create(context),
        DoctorCommand.Create(context),
    };

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parse = BuildRoot(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                context.Error.WriteLine($"error: {error.Message}");
            context.Error.WriteLine("Run `weightfarcast --help` for usage.");
            return (int)ExitCode.UsageError;
        }
        try
        {
            var invocation = new InvocationConfiguration
            {
                Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null, // signals are the host's: its cancellation lets the job clean up
            };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var code = ExitCodeMapping.FromException(e);
            Report(context, e, code);
            return (int)code;
        }
    }

    private static void Report(CliContext context, Exception exception, ExitCode code)
    {
        var secrets = SecretMasker.FromEnvironment(context.Environment.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)));
        var environment = CiEnvironment.Detect(context.GetEnvironment);
        // Plain runs get the message on stderr; CI runs get their protocol's annotations on stdout as well.
        context.Error.WriteLine(secrets.Apply($"error: {exception.Message}"));
        if (code == ExitCode.InternalError)
            context.Error.WriteLine(secrets.Apply(exception.ToString()));
        if (environment.Kind is CiKind.GitHubActions or CiKind.AzurePipelines)
        {
            using var reporter = CiReporterFactory.Create(environment, context.Out, secrets);
            foreach (var issue in ExitCodeMapping.Locate(exception))
                reporter.Error(issue.Message, issue.File, issue.Line, issue.Column, $"weightfarcast: {code}");
            reporter.FailTask($"weightfarcast failed: {code} ({(int)code})");
        }
    }

    /// <summary>`--version` prints the tool's version, not the hosting process's (which differs under a test host).</summary>
    private sealed class PrintVersionAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Job.ToolInfo.Version);
            return (int)ExitCode.Success;
        }
    }
}
