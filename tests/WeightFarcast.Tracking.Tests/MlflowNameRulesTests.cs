namespace WeightFarcast.Tracking.Tests;

/// <summary>MLflow's key rules (mlflow.md §1.3): characters, length, and path uniqueness.</summary>
public sealed class MlflowNameRulesTests
{
    [Theory]
    [InlineData("loss")]
    [InlineData("eval/acc")]
    [InlineData("a.b-c_d e:f")]
    [InlineData("über")]
    public void Accepted(string key) =>
        Assert.Null(MlflowNameRules.KeyProblem(key));

    [Theory]
    [InlineData("", "empty")]
    [InlineData(".", "normalized")]
    [InlineData("..", "normalized")]
    [InlineData("..x", "normalized")]
    [InlineData("/x", "normalized")]
    [InlineData("x/", "normalized")]
    [InlineData("a/../b", "normalized")]
    [InlineData("a/./b", "normalized")]
    [InlineData("a=b", "only letters")]
    [InlineData("a\nb", "only letters")]
    public void Rejected(string key, string reason) =>
        Assert.Contains(reason, MlflowNameRules.KeyProblem(key), StringComparison.Ordinal);

    [Fact]
    public void Length_limit_is_250()
    {
        Assert.Null(MlflowNameRules.KeyProblem(new string('a', 250)));
        Assert.NotNull(MlflowNameRules.KeyProblem(new string('a', 251)));
    }
}
