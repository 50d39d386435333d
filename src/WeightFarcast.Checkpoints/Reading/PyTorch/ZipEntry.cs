namespace WeightFarcast.Checkpoints.Reading.PyTorch;

/// <summary>A zip central-directory entry; <see cref="DataOffset"/> is where its (stored) bytes begin in the file.</summary>
internal sealed record ZipEntry(string Name, int Method, long CompressedSize, long UncompressedSize, long DataOffset)
{
    public const int Stored = 0;
}
