namespace WeightFarcast.Tracking.Tests;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("MLFLOW_TRACKING_TOKEN", true)]
    [InlineData("MLFLOW_TRACKING_PASSWORD", true)]
    [InlineData("api_key", true)]
    [InlineData("apiKey", true)]
    [InlineData("dbPassword", true)]
    [InlineData("client-secret", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("Authorization", true)]
    [InlineData("MLFLOW_TRACKING_USERNAME", false)]
    [InlineData("learning_rate", false)]
    [InlineData("monkey", false)]
    [InlineData("tokenizer", false)]
    public void Secret_looking_keys_are_recognised(string key, bool secret) =>
        Assert.Equal(secret, SecretRedactor.IsSecretKey(key));

    [Fact]
    public void Values_of_known_secret_variables_are_masked_in_text()
    {
        var env = new Dictionary<string, string> { ["MLFLOW_TRACKING_TOKEN"] = "abc123token", ["MLFLOW_TRACKING_PASSWORD"] = "pw-xyz" };
        var redactor = SecretRedactor.FromEnvironment(env.GetValueOrDefault);

        var text = redactor.Redact("token abc123token and pw-xyz in a message");

        Assert.Equal("token *** and *** in a message", text);
    }

    [Fact]
    public void Url_credentials_and_authorization_headers_are_masked()
    {
        var redactor = new SecretRedactor([]);
        Assert.Equal("see https://***@mlflow.example.com/x", redactor.Redact("see https://bob:hunter2@mlflow.example.com/x"));
        Assert.Equal("Authorization: Bearer *** sent", redactor.Redact("Authorization: Bearer eyJhbGciOi.abc.def sent"));
        Assert.Equal("Authorization: Basic *** sent", redactor.Redact("Authorization: Basic Ym9iOmh1bnRlcjI= sent"));
    }

    [Fact]
    public void Dictionaries_mask_secret_keys_and_scrub_other_values()
    {
        var redactor = new SecretRedactor(["topsecret"]);
        var input = new Dictionary<string, string>
        {
            ["MLFLOW_TRACKING_TOKEN"] = "whatever",
            ["api_key"] = "k",
            ["note"] = "contains topsecret inside",
            ["uri"] = "http://u:p@h",
            ["lr"] = "0.01",
        };

        var output = redactor.Redact(input);

        Assert.Equal("***", output["MLFLOW_TRACKING_TOKEN"]);
        Assert.Equal("***", output["api_key"]);
        Assert.Equal("contains *** inside", output["note"]);
        Assert.Equal("http://***@h", output["uri"]);
        Assert.Equal("0.01", output["lr"]);
    }
}
