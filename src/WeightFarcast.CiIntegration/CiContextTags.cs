namespace WeightFarcast.CiIntegration;

/// <summary>Builds the <c>ci.*</c> MLflow tags that let a run be traced back to the CI run that made it.</summary>
internal static class CiContextTags
{
    public static IReadOnlyDictionary<string, string> For(CiEnvironment environment, Func<string, string?> get)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (environment.Kind == CiKind.None)
            return tags;

        tags["ci.provider"] = environment.Kind switch
        {
            CiKind.GitHubActions => "github-actions",
            CiKind.AzurePipelines => "azure-pipelines",
            _ => "generic",
        };
        Add(tags, "ci.run_url", environment.RunUrl);
        Add(tags, "ci.build_id", environment.BuildId);
        Add(tags, "ci.commit", environment.CommitSha);

        if (environment.Kind == CiKind.GitHubActions)
        {
            Add(tags, "ci.repository", get("GITHUB_REPOSITORY"));
            Add(tags, "ci.branch", get("GITHUB_REF_NAME"));
            Add(tags, "ci.workflow", get("GITHUB_WORKFLOW"));
            Add(tags, "ci.job", get("GITHUB_JOB"));
            Add(tags, "ci.run_attempt", get("GITHUB_RUN_ATTEMPT"));
        }
        else if (environment.Kind == CiKind.AzurePipelines)
        {
            Add(tags, "ci.repository", get("BUILD_REPOSITORY_NAME"));
            Add(tags, "ci.branch", get("BUILD_SOURCEBRANCHNAME"));
            Add(tags, "ci.workflow", get("BUILD_DEFINITIONNAME"));
            Add(tags, "ci.job", get("SYSTEM_JOBDISPLAYNAME"));
            Add(tags, "ci.build_number", get("BUILD_BUILDNUMBER"));
        }
        return tags;
    }

    private static void Add(IDictionary<string, string> tags, string key, string? value)
    {
        if (value is not null)
            tags[key] = value;
    }
}
