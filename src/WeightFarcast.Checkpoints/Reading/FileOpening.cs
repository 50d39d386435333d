using Microsoft.Win32.SafeHandles;

namespace WeightFarcast.Checkpoints.Reading;

/// <summary>Opens checkpoint files for positional reads, turning I/O failures into exceptions that name the path.</summary>
internal static class FileOpening
{
    public static SafeFileHandle OpenForRead(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CheckpointException(path, $"cannot open for reading: {e.Message}", e);
        }
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes or throws a format error (the file is shorter).</summary>
    public static void ReadExactly(SafeFileHandle handle, string path, Span<byte> destination, long offset, string? tensor = null)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(handle, destination, offset);
            if (read <= 0)
                throw new CheckpointFormatException(path, tensor, $"unexpected end of file at byte {offset} (truncated, or changed after opening?).");
            destination = destination[read..];
            offset += read;
        }
    }
}
