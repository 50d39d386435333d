using System.Diagnostics;

namespace WeightFarcast.Job.Acceptance;

/// <summary>The loss an evaluation command reported for one checkpoint, or why there is none.</summary>
public sealed record CommandLoss(double? Loss, string? Failure);

/// <summary>Runs the user's evaluation command for one checkpoint through /bin/sh, with a timeout; a crash, a timeout
/// or output without a loss becomes a <see cref="CommandLoss.Failure"/>, never an exception.</summary>
public static class EvaluationCommand
{
    public static CommandLoss Run(string template, string checkpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var command = template.Replace("{checkpoint}", ShellQuote(checkpoint), StringComparison.Ordinal);
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /bin/sh");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            process.WaitForExitAsync(timer.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return new CommandLoss(null, $"timed out after {timeout.TotalSeconds:0.#} s");
        }
        var output = stdout.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
            return new CommandLoss(null, $"exited with code {process.ExitCode}: {Tail(stderr.GetAwaiter().GetResult())}");
        return LossOutputParser.Parse(output) is { } loss
            ? new CommandLoss(loss, null)
            : new CommandLoss(null, $"printed no loss on its last line ({Tail(output)})");
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? "no output" : trimmed.Length <= 200 ? trimmed : "..." + trimmed[^200..];
    }
}
