namespace WeightFarcast.Tracking;

/// <summary>A listed artifact; Path is relative to the run's artifact root, with '/' separators.</summary>
public sealed record ArtifactEntry(string Path, bool IsDirectory, long? FileSize);
