namespace WeightFarcast.TorchRuntime.Elf;

/// <summary>Walks .gnu.version_d (SHT_GNU_verdef): the versions a library provides, e.g. GLIBCXX_3.4.30.
/// Verdef {u16 version, u16 flags, u16 ndx, u16 cnt, u32 hash, u32 aux, u32 next}; Verdaux {u32 name, u32 next}.</summary>
public static class ElfVersionDefinitions
{
    public static IReadOnlyList<string> Read(ElfImage image)
    {
        var section = image.FindSection(ElfImage.ShtGnuVerdef);
        if (section is null)
            return [];
        var strings = ElfVersionNeeds.StringTableOf(image, section);
        var names = new List<string>();
        var at = section.Offset;
        for (var i = 0u; i < section.Info; i++)
        {
            var aux = at + image.U32(at + 12);
            names.Add(image.ReadString(strings, image.U32(aux))); // the first Verdaux names the version itself
            var next = image.U32(at + 16);
            if (next == 0)
                break;
            at += next;
        }
        return names;
    }
}
