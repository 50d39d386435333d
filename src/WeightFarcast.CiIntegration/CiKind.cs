namespace WeightFarcast.CiIntegration;

/// <summary>The CI system the tool is running under, as far as its environment tells.</summary>
public enum CiKind
{
    /// <summary>A local terminal: no CI variables set.</summary>
    None,

    /// <summary>GitHub Actions (<c>GITHUB_ACTIONS=true</c>).</summary>
    GitHubActions,

    /// <summary>Azure Pipelines (<c>TF_BUILD=True</c>).</summary>
    AzurePipelines,

    /// <summary>Some other CI that follows the <c>CI=true</c> convention.</summary>
    GenericCi,
}
