using System.Text;

namespace WeightFarcast.Tracking;

/// <summary>
/// Whole-file writes that readers never see half-done: write a temp file, then rename it into place.
/// The temp file lives in a folder MLflow does not list as keys (the run or experiment folder),
/// so a crash cannot leave a stray param or tag behind.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Replace(string path, string content, string tempFolder) => Move(path, content, tempFolder, overwrite: true);

    /// <summary>Creates the file only if it does not exist yet; false when another writer got there first.</summary>
    public static bool TryCreate(string path, string content, string tempFolder)
    {
        try
        {
            Move(path, content, tempFolder, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    private static void Move(string path, string content, string tempFolder, bool overwrite)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(tempFolder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, content, Utf8NoBom);
            File.Move(temp, path, overwrite);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
