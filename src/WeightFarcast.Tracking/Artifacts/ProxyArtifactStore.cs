using System.Net.Http.Headers;
using System.Text.Json;

namespace WeightFarcast.Tracking;

/// <summary>
/// Artifacts through the tracking server's proxy (mlflow.md §1.4): PUT/GET
/// {filesBase}/{root}/{path}, and GET {filesBase}?path={root}/{dir} to list (basenames come back).
/// </summary>
internal sealed class ProxyArtifactStore(MlflowHttpTransport transport, Uri filesBase, string root) : IArtifactStore
{
    public Uri FilesBase { get; } = filesBase;

    public string Root { get; } = root.Trim('/');

    public async Task UploadAsync(string localFile, string artifactPath, CancellationToken ct)
    {
        await transport.SendAsync(HttpMethod.Put, FileUrl(artifactPath), () =>
        {
            // A fresh stream per attempt: retries must resend the whole file.
            var content = new StreamContent(File.OpenRead(localFile));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return content;
        }, ct).ConfigureAwait(false);
    }

    public async Task<byte[]> DownloadAsync(string artifactPath, CancellationToken ct)
    {
        var response = await transport.SendAsync(HttpMethod.Get, FileUrl(artifactPath), () => null, ct).ConfigureAwait(false);
        return response.Body;
    }

    public async Task<IReadOnlyList<ArtifactEntry>> ListAsync(string directory, CancellationToken ct)
    {
        var listed = ArtifactPath.Join(Root, directory);
        var url = new Uri($"{FilesBase.AbsoluteUri}?path={Uri.EscapeDataString(listed)}");
        var response = await transport.SendAsync(HttpMethod.Get, url, () => null, ct).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Body);
        var entries = new List<ArtifactEntry>();
        if (document.RootElement.TryGetProperty("files", out var files))
        {
            foreach (var file in files.EnumerateArray())
            {
                var name = MlflowJson.String(file, "path") ?? "";
                entries.Add(new ArtifactEntry(
                    ArtifactPath.Join(directory, name[(name.LastIndexOf('/') + 1)..]),
                    file.TryGetProperty("is_dir", out var isDir) && isDir.GetBoolean(),
                    MlflowJson.Int64(file, "file_size")));
            }
        }
        return entries;
    }

    private Uri FileUrl(string artifactPath) =>
        new($"{FilesBase.AbsoluteUri}/{ArtifactPath.EscapeSegments(ArtifactPath.Join(Root, ArtifactPath.Directory(artifactPath)))}");
}
