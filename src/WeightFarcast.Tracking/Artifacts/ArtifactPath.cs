namespace WeightFarcast.Tracking;

/// <summary>Relative artifact paths: '/' separated, never escaping the run's artifact root.</summary>
internal static class ArtifactPath
{
    /// <summary>Normalizes a caller's directory ("" or null for the root) and rejects absolute or escaping paths.</summary>
    public static string Directory(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
            return "";
        var normalized = directory.Replace('\\', '/').Trim('/');
        if (directory.StartsWith('/') || directory.StartsWith('\\') || System.IO.Path.IsPathRooted(directory))
            throw TrackingException.InvalidInput($"Artifact directory '{directory}' must be relative to the run's artifact root.");
        foreach (var segment in normalized.Split('/'))
        {
            if (segment is "" or "." or "..")
                throw TrackingException.InvalidInput($"Artifact directory '{directory}' must not contain empty, '.' or '..' segments.");
        }
        return normalized;
    }

    public static string Join(string directory, string name) =>
        directory.Length == 0 ? name : name.Length == 0 ? directory : $"{directory}/{name}";

    /// <summary>The artifact path of a local file placed into <paramref name="directory"/>.</summary>
    public static string ForFile(string localFile, string? directory)
    {
        if (!File.Exists(localFile))
            throw TrackingException.InvalidInput($"Artifact file '{localFile}' does not exist.");
        return Join(Directory(directory), System.IO.Path.GetFileName(localFile));
    }

    /// <summary>Percent-encodes each segment for use in a URL path.</summary>
    public static string EscapeSegments(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
