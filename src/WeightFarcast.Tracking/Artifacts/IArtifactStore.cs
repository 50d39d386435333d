namespace WeightFarcast.Tracking;

/// <summary>Where one run's artifacts live; paths are relative to the run's artifact root.</summary>
internal interface IArtifactStore
{
    Task UploadAsync(string localFile, string artifactPath, CancellationToken ct);

    Task<byte[]> DownloadAsync(string artifactPath, CancellationToken ct);

    Task<IReadOnlyList<ArtifactEntry>> ListAsync(string directory, CancellationToken ct);
}
