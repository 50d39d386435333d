namespace WeightFarcast.TorchRuntime.Elf;

/// <summary>
/// Marks one required symbol version weak (VER_FLG_WEAK) so the dynamic loader accepts a library that
/// lacks it. Safe only for versions no relocation binds to, which the caller must know
/// (LibTorchSharp's GLIBCXX_3.4.32 covers one marker symbol that is never bound).
/// </summary>
public static class WeakVersionPatch
{
    /// <summary>Returns a patched copy of <paramref name="original"/>, or null when the version is absent or already weak.</summary>
    public static byte[]? Apply(byte[] original, string path, string versionName)
    {
        var need = Find(original, path, versionName);
        if (need is null || need.IsWeak)
            return null;
        var patched = (byte[])original.Clone();
        var flags = (ushort)(need.Flags | ElfVersionNeeds.WeakFlag);
        patched[need.FlagsOffset] = (byte)(flags & 0xff);
        patched[need.FlagsOffset + 1] = (byte)(flags >> 8);
        return patched;
    }

    /// <summary>
    /// True when <paramref name="patched"/> is <paramref name="original"/> with exactly the weak flag of
    /// <paramref name="versionName"/> set: same length, and only that 2-byte field differs.
    /// </summary>
    public static bool IsExactPatchOf(ReadOnlySpan<byte> original, ReadOnlySpan<byte> patched, string path, string versionName)
    {
        if (original.Length != patched.Length)
            return false;
        var need = Find(original.ToArray(), path, versionName);
        if (need is null || need.IsWeak)
            return false;
        var at = (int)need.FlagsOffset;
        var expected = (ushort)(need.Flags | ElfVersionNeeds.WeakFlag);
        if (patched[at] != (byte)(expected & 0xff) || patched[at + 1] != (byte)(expected >> 8))
            return false;
        return original[..at].SequenceEqual(patched[..at]) && original[(at + 2)..].SequenceEqual(patched[(at + 2)..]);
    }

    private static VersionNeed? Find(byte[] bytes, string path, string versionName) =>
        ElfVersionNeeds.Read(ElfImage.Parse(bytes, path)).FirstOrDefault(n => n.Name == versionName);
}
