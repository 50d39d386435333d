namespace WeightFarcast.CiIntegration.Tests;

public class SecretMaskerTests
{
    [Theory]
    [InlineData("MLFLOW_TRACKING_TOKEN", true)]
    [InlineData("MLFLOW_TRACKING_PASSWORD", true)]
    [InlineData("client_secret", true)]
    [InlineData("SYSTEM_ACCESSTOKEN", true)]
    [InlineData("MLFLOW_TRACKING_URI", false)]
    [InlineData("MLFLOW_TRACKING_USERNAME", false)]
    public void Secret_names_are_recognised_by_their_parts(string name, bool isSecret) =>
        Assert.Equal(isSecret, SecretMasker.IsSecretName(name));

    [Fact]
    public void Only_values_of_secret_named_variables_are_masked()
    {
        var masker = SecretMasker.FromEnvironment(new Dictionary<string, string?>
        {
            ["MLFLOW_TRACKING_TOKEN"] = "tok-1234",
            ["MLFLOW_TRACKING_URI"] = "https://mlflow.example",
            ["DB_PASSWORD"] = null,
        });

        Assert.Equal("auth *** at https://mlflow.example", masker.Apply("auth tok-1234 at https://mlflow.example"));
    }

    [Fact]
    public void A_secret_holding_another_is_masked_whole()
    {
        var masker = new SecretMasker(["abcd", "abcdefgh"]);

        Assert.Equal("x *** y ***", masker.Apply("x abcdefgh y abcd"));
    }

    [Fact]
    public void Short_values_are_not_treated_as_secrets()
    {
        var masker = new SecretMasker(["on", "1"]);

        Assert.Equal("turn it on 1 time", masker.Apply("turn it on 1 time"));
    }

    [Fact]
    public void Each_line_of_a_multi_line_secret_is_masked()
    {
        var masker = new SecretMasker(["-----BEGIN KEY-----\nc2VjcmV0\n-----END KEY-----"]);

        Assert.Equal("saw *** only", masker.Apply("saw c2VjcmV0 only"));
    }

    [Fact]
    public void The_empty_masker_is_never_shared()
    {
        SecretMasker.None.Add("learned-value");

        Assert.Equal("learned-value", SecretMasker.None.Apply("learned-value"));
    }
}
