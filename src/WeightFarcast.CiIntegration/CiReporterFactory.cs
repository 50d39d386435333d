namespace WeightFarcast.CiIntegration;

/// <summary>Picks the reporter that speaks the detected CI's protocol.</summary>
public static class CiReporterFactory
{
    /// <param name="environment">From <see cref="CiEnvironment.Detect"/>.</param>
    /// <param name="output">Where commands go: the process's stdout, which both runners scan.</param>
    /// <param name="secrets">Usually <see cref="SecretMasker.FromProcessEnvironment"/>.</param>
    public static ICiReporter Create(CiEnvironment environment, TextWriter output, SecretMasker secrets)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(secrets);
        return environment.Kind switch
        {
            CiKind.GitHubActions => new GitHubActionsReporter(environment, output, secrets),
            CiKind.AzurePipelines => new AzurePipelinesReporter(environment, output, secrets),
            _ => new PlainTextReporter(environment.Kind, output, secrets),
        };
    }
}
