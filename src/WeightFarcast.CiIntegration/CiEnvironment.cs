namespace WeightFarcast.CiIntegration;

/// <summary>What the tool knows about the CI run it is part of, read once from environment variables.</summary>
public sealed record CiEnvironment
{
    public required CiKind Kind { get; init; }

    /// <summary>False under any CI: no spinners or prompts, progress as periodic log lines instead.</summary>
    public bool IsInteractive => Kind == CiKind.None;

    /// <summary>Link to this run's page (GitHub workflow run, Azure build results).</summary>
    public string? RunUrl { get; init; }

    /// <summary>GitHub's <c>GITHUB_RUN_ID</c> or Azure's <c>BUILD_BUILDID</c>.</summary>
    public string? BuildId { get; init; }

    public string? CommitSha { get; init; }

    /// <summary>GitHub's <c>GITHUB_STEP_SUMMARY</c> file.</summary>
    public string? StepSummaryPath { get; init; }

    /// <summary>GitHub's <c>GITHUB_OUTPUT</c> file.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Azure's <c>AGENT_TEMPDIRECTORY</c>: cleaned by the agent after the job, so summary files go there.</summary>
    public string? AgentTempDirectory { get; init; }

    /// <summary>Tags that tie an MLflow run to the CI run (<c>ci.provider</c>, <c>ci.run_url</c>, ...); empty locally.</summary>
    public IReadOnlyDictionary<string, string> ContextTags { get; init; } = new Dictionary<string, string>();

    public static CiEnvironment Detect(Func<string, string?> getEnv)
    {
        ArgumentNullException.ThrowIfNull(getEnv);
        string? Get(string name) => string.IsNullOrWhiteSpace(getEnv(name)) ? null : getEnv(name)!.Trim();

        var environment = DetectKind(Get) switch
        {
            CiKind.GitHubActions => new CiEnvironment
            {
                Kind = CiKind.GitHubActions,
                RunUrl = GitHubRunUrl(Get),
                BuildId = Get("GITHUB_RUN_ID"),
                CommitSha = Get("GITHUB_SHA"),
                StepSummaryPath = Get("GITHUB_STEP_SUMMARY"),
                OutputPath = Get("GITHUB_OUTPUT"),
            },
            CiKind.AzurePipelines => new CiEnvironment
            {
                Kind = CiKind.AzurePipelines,
                RunUrl = AzureBuildUrl(Get),
                BuildId = Get("BUILD_BUILDID"),
                CommitSha = Get("BUILD_SOURCEVERSION"),
                AgentTempDirectory = Get("AGENT_TEMPDIRECTORY"),
            },
            var kind => new CiEnvironment { Kind = kind },
        };
        return environment with { ContextTags = CiContextTags.For(environment, Get) };
    }

    // GitHub first: its runners may also carry CI=true, which alone says less.
    private static CiKind DetectKind(Func<string, string?> get)
    {
        if (IsTrue(get("GITHUB_ACTIONS")))
            return CiKind.GitHubActions;
        if (IsTrue(get("TF_BUILD")))
            return CiKind.AzurePipelines;
        if (IsTrue(get("CI")) || get("CI") == "1")
            return CiKind.GenericCi;
        return CiKind.None;
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static string? GitHubRunUrl(Func<string, string?> get)
    {
        var server = get("GITHUB_SERVER_URL");
        var repository = get("GITHUB_REPOSITORY");
        var runId = get("GITHUB_RUN_ID");
        if (server is null || repository is null || runId is null)
            return null;
        return $"{server.TrimEnd('/')}/{repository}/actions/runs/{runId}";
    }

    // The collection URI ends with '/' on hosted agents but not always on servers; project names may hold spaces.
    private static string? AzureBuildUrl(Func<string, string?> get)
    {
        var collection = get("SYSTEM_COLLECTIONURI");
        var project = get("SYSTEM_TEAMPROJECT");
        var buildId = get("BUILD_BUILDID");
        if (collection is null || project is null || buildId is null)
            return null;
        return $"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={Uri.EscapeDataString(buildId)}";
    }
}
