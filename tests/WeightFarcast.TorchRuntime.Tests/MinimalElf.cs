using System.Buffers.Binary;
using System.Text;

namespace WeightFarcast.TorchRuntime.Tests;

/// <summary>Builds a tiny ELF64 LE file by hand: a string table and a .gnu.version_r section that needs
/// the given versions from libstdc++.so.6, so the patcher can be checked byte by byte.</summary>
internal static class MinimalElf
{
    public static byte[] WithVersionNeeds(params (string Name, ushort Flags)[] versions)
    {
        var strtab = new MemoryStream();
        strtab.WriteByte(0);
        int AddString(string s)
        {
            var at = (int)strtab.Length;
            strtab.Write(Encoding.ASCII.GetBytes(s));
            strtab.WriteByte(0);
            return at;
        }
        var file = AddString("libstdc++.so.6");
        var names = versions.Select(v => AddString(v.Name)).ToArray();

        var verneed = new byte[16 + 16 * versions.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(verneed.AsSpan(0), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(verneed.AsSpan(2), (ushort)versions.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(4), (uint)file);
        BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(8), 16);
        for (var i = 0; i < versions.Length; i++)
        {
            var at = 16 + 16 * i;
            BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(at), 0x0b792650);
            BinaryPrimitives.WriteUInt16LittleEndian(verneed.AsSpan(at + 4), versions[i].Flags);
            BinaryPrimitives.WriteUInt16LittleEndian(verneed.AsSpan(at + 6), (ushort)(2 + i));
            BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(at + 8), (uint)names[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(verneed.AsSpan(at + 12), i + 1 < versions.Length ? 16u : 0u);
        }

        var strBytes = strtab.ToArray();
        const int headerSize = 64;
        var strOffset = headerSize;
        var verOffset = strOffset + strBytes.Length;
        var shOffset = (verOffset + verneed.Length + 7) / 8 * 8;
        var image = new byte[shOffset + 3 * 64];
        image[0] = 0x7f; image[1] = (byte)'E'; image[2] = (byte)'L'; image[3] = (byte)'F';
        image[4] = 2; image[5] = 1; image[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x10), 3); // ET_DYN
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x12), 62); // x86-64
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(0x28), (ulong)shOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3A), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3C), 3);
        strBytes.CopyTo(image, strOffset);
        verneed.CopyTo(image, verOffset);
        // section 0 is the null section; 1 = .dynstr; 2 = .gnu.version_r linking to 1
        WriteSection(image, shOffset + 64, type: 3, offset: strOffset, size: strBytes.Length, link: 0, info: 0);
        WriteSection(image, shOffset + 128, type: 0x6ffffffe, offset: verOffset, size: verneed.Length, link: 1, info: 1);
        return image;
    }

    private static void WriteSection(byte[] image, int at, uint type, int offset, int size, uint link, uint info)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(at + 4), type);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(at + 0x18), (ulong)offset);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(at + 0x20), (ulong)size);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(at + 0x28), link);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(at + 0x2C), info);
    }
}
