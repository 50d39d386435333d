namespace WeightFarcast.Tracking.Tests;

/// <summary>artifact_uri to store mapping of mlflow.md §1.4 (resolve_uri), without a server.</summary>
public sealed class ArtifactUriMappingTests
{
    private static MlflowHttpTransport Transport(string trackingUri) => new(
        new HttpClient(),
        new Uri(trackingUri),
        new MlflowCredentials(null, []),
        new TrackingOptions(),
        new TrackingEnvironment { GetVariable = _ => null });

    [Theory]
    [InlineData("http://h:5000", "mlflow-artifacts:/704/abc/artifacts", "http://h:5000/api/2.0/mlflow-artifacts/artifacts", "704/abc/artifacts")]
    [InlineData("https://h/mlflow", "mlflow-artifacts:/704/abc/artifacts", "https://h/mlflow/api/2.0/mlflow-artifacts/artifacts", "704/abc/artifacts")]
    [InlineData("http://h:5000", "mlflow-artifacts://other:9000/704/abc/artifacts", "http://other:9000/api/2.0/mlflow-artifacts/artifacts", "704/abc/artifacts")]
    [InlineData("http://h:5000", "http://proxy:8080/api/2.0/mlflow-artifacts/artifacts/704/abc/artifacts", "http://proxy:8080/api/2.0/mlflow-artifacts/artifacts", "704/abc/artifacts")]
    public void Proxy_URIs_map_to_the_artifact_endpoint(string tracking, string artifactUri, string filesBase, string root)
    {
        using var transport = Transport(tracking);
        var store = Assert.IsType<ProxyArtifactStore>(ArtifactStoreResolver.Resolve(artifactUri, transport));
        Assert.Equal(filesBase, store.FilesBase.AbsoluteUri);
        Assert.Equal(root, store.Root);
    }

    [Theory]
    [InlineData("file:///data/mlruns/1/abc/artifacts", "/data/mlruns/1/abc/artifacts")]
    [InlineData("/data/artifacts/1", "/data/artifacts/1")]
    public void Local_URIs_are_written_directly(string artifactUri, string folder)
    {
        var store = Assert.IsType<LocalArtifactStore>(ArtifactStoreResolver.Resolve(artifactUri, null));
        Assert.Equal(folder, store.Root);
    }

    [Theory]
    [InlineData("s3://bucket/x")]
    [InlineData("gs://bucket/x")]
    [InlineData("wasbs://c@a.blob.core.windows.net/x")]
    [InlineData("http://h/not-a-proxy/x")]
    public void Other_schemes_are_unsupported(string artifactUri)
    {
        using var transport = Transport("http://h:5000");
        var error = Assert.Throws<TrackingException>(() => ArtifactStoreResolver.Resolve(artifactUri, transport));
        Assert.Equal(TrackingFailureKind.Unsupported, error.Kind);
    }
}
