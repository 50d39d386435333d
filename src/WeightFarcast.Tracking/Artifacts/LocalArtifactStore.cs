namespace WeightFarcast.Tracking;

/// <summary>Artifacts in a folder reachable from this machine (file: artifact URIs and the embedded file store).</summary>
internal sealed class LocalArtifactStore(string root) : IArtifactStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task UploadAsync(string localFile, string artifactPath, CancellationToken ct)
    {
        var target = Resolve(artifactPath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var source = File.OpenRead(localFile);
            await using var destination = File.Create(target);
            await source.CopyToAsync(destination, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrackingException(TrackingFailureKind.Unavailable,
                $"Cannot write artifact '{artifactPath}' to '{Root}' (is the artifact folder reachable from this machine?): {e.Message}", inner: e);
        }
    }

    public async Task<byte[]> DownloadAsync(string artifactPath, CancellationToken ct)
    {
        var source = Resolve(artifactPath);
        if (!File.Exists(source))
            throw new TrackingException(TrackingFailureKind.Rejected, $"Artifact '{artifactPath}' not found under '{Root}'.", errorCode: "RESOURCE_DOES_NOT_EXIST");
        return await File.ReadAllBytesAsync(source, ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<ArtifactEntry>> ListAsync(string directory, CancellationToken ct)
    {
        var folder = Resolve(directory);
        if (!Directory.Exists(folder))
            return Task.FromResult<IReadOnlyList<ArtifactEntry>>([]);
        var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos()
            .OrderBy(info => info.Name, StringComparer.Ordinal)
            .Select(info => new ArtifactEntry(
                ArtifactPath.Join(directory, info.Name),
                info is DirectoryInfo,
                info is FileInfo file ? file.Length : null))
            .ToList();
        return Task.FromResult<IReadOnlyList<ArtifactEntry>>(entries);
    }

    private string Resolve(string artifactPath)
    {
        var relative = ArtifactPath.Directory(artifactPath);
        return relative.Length == 0 ? Root : Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
    }
}
