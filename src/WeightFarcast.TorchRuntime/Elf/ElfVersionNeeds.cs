namespace WeightFarcast.TorchRuntime.Elf;

/// <summary>One version a shared object requires from a library (an ELF Vernaux entry).</summary>
/// <param name="File">The library that must provide it (vn_file), e.g. libstdc++.so.6.</param>
/// <param name="Name">The version name (vna_name), e.g. GLIBCXX_3.4.32.</param>
/// <param name="Flags">vna_flags; <see cref="ElfVersionNeeds.WeakFlag"/> makes a missing version non-fatal.</param>
/// <param name="FlagsOffset">File offset of the 2-byte vna_flags field.</param>
public sealed record VersionNeed(string File, string Name, ushort Flags, long FlagsOffset)
{
    public bool IsWeak => (Flags & ElfVersionNeeds.WeakFlag) != 0;
}

/// <summary>Walks .gnu.version_r (SHT_GNU_verneed): Verneed {u16 version, u16 cnt, u32 file, u32 aux, u32 next},
/// Vernaux {u32 hash, u16 flags, u16 other, u32 name, u32 next}.</summary>
public static class ElfVersionNeeds
{
    public const ushort WeakFlag = 0x2; // VER_FLG_WEAK

    public static IReadOnlyList<VersionNeed> Read(ElfImage image)
    {
        var section = image.FindSection(ElfImage.ShtGnuVerneed);
        if (section is null)
            return [];
        var strings = StringTableOf(image, section);
        var needs = new List<VersionNeed>();
        var entryCount = section.Info; // sh_info = number of Verneed entries
        var at = section.Offset;
        for (var i = 0u; i < entryCount; i++)
        {
            var count = image.U16(at + 2);
            var file = image.ReadString(strings, image.U32(at + 4));
            var aux = at + image.U32(at + 8);
            for (var j = 0; j < count; j++)
            {
                var flags = image.U16(aux + 4);
                var name = image.ReadString(strings, image.U32(aux + 8));
                needs.Add(new VersionNeed(file, name, flags, (long)(aux + 4)));
                var nextAux = image.U32(aux + 12);
                if (nextAux == 0)
                    break;
                aux += nextAux;
            }
            var next = image.U32(at + 12);
            if (next == 0)
                break;
            at += next;
        }
        return needs;
    }

    internal static ElfSection StringTableOf(ElfImage image, ElfSection section)
    {
        if (section.Link >= image.Sections.Count)
            throw new ElfFormatException(image.Path, $"section {section.Index} links to missing section {section.Link}");
        return image.Sections[(int)section.Link];
    }
}
