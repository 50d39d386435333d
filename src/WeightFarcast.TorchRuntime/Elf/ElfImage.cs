using System.Buffers.Binary;
using System.Text;

namespace WeightFarcast.TorchRuntime.Elf;

/// <summary>
/// A read-only view of a 64-bit little-endian ELF file's section table: just enough to walk the
/// symbol-versioning sections. Every offset is bounds-checked so a damaged file gives a clear error.
/// </summary>
public sealed class ElfImage
{
    public const uint ShtGnuVerdef = 0x6ffffffd;
    public const uint ShtGnuVerneed = 0x6ffffffe;

    private readonly byte[] _bytes;

    private ElfImage(byte[] bytes, string path, IReadOnlyList<ElfSection> sections)
    {
        _bytes = bytes;
        Path = path;
        Sections = sections;
    }

    public string Path { get; }

    public IReadOnlyList<ElfSection> Sections { get; }

    public ReadOnlySpan<byte> Bytes => _bytes;

    public static ElfImage Load(string path) => Parse(File.ReadAllBytes(path), path);

    public static ElfImage Parse(byte[] bytes, string path)
    {
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new ElfFormatException(path, "not an ELF file");
        if (bytes[4] != 2)
            throw new ElfFormatException(path, "not a 64-bit ELF file");
        if (bytes[5] != 1)
            throw new ElfFormatException(path, "not a little-endian ELF file");

        var shoff = ReadU64(bytes, 0x28, path);
        var shentsize = ReadU16(bytes, 0x3A, path);
        var shnum = ReadU16(bytes, 0x3C, path);
        if (shnum == 0)
            return new ElfImage(bytes, path, []);
        if (shentsize < 64)
            throw new ElfFormatException(path, $"section header entry size {shentsize} is too small");

        var sections = new List<ElfSection>(shnum);
        for (var i = 0; i < shnum; i++)
        {
            var at = CheckedOffset(shoff + (ulong)i * shentsize, 64, bytes.Length, path, $"section header {i}");
            sections.Add(new ElfSection(
                Index: i,
                NameOffset: ReadU32(bytes, at, path),
                Type: ReadU32(bytes, at + 4, path),
                Offset: ReadU64(bytes, at + 0x18, path),
                Size: ReadU64(bytes, at + 0x20, path),
                Link: ReadU32(bytes, at + 0x28, path),
                Info: ReadU32(bytes, at + 0x2C, path)));
        }

        return new ElfImage(bytes, path, sections);
    }

    public ElfSection? FindSection(uint type) => Sections.FirstOrDefault(s => s.Type == type);

    /// <summary>Reads a NUL-terminated string from the string table section <paramref name="stringTable"/>.</summary>
    public string ReadString(ElfSection stringTable, uint offset)
    {
        if (offset >= stringTable.Size)
            throw new ElfFormatException(Path, $"string offset {offset} lies outside its string table");
        var start = CheckedOffset(stringTable.Offset + offset, 1, _bytes.Length, Path, "string");
        var end = start;
        var limit = (int)Math.Min((ulong)_bytes.Length, stringTable.Offset + stringTable.Size);
        while (end < limit && _bytes[end] != 0)
            end++;
        return Encoding.ASCII.GetString(_bytes, start, end - start);
    }

    public ushort U16(ulong offset) => ReadU16(_bytes, CheckedOffset(offset, 2, _bytes.Length, Path, "u16"), Path);

    public uint U32(ulong offset) => ReadU32(_bytes, CheckedOffset(offset, 4, _bytes.Length, Path, "u32"), Path);

    internal static int CheckedOffset(ulong offset, int size, int length, string path, string what)
    {
        if (offset > (ulong)length || (ulong)length - offset < (ulong)size)
            throw new ElfFormatException(path, $"{what} at offset {offset} lies outside the file ({length} bytes)");
        return (int)offset;
    }

    private static ushort ReadU16(byte[] b, int at, string path) =>
        BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(CheckedOffset((ulong)at, 2, b.Length, path, "u16")));

    private static uint ReadU32(byte[] b, int at, string path) =>
        BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(CheckedOffset((ulong)at, 4, b.Length, path, "u32")));

    private static ulong ReadU64(byte[] b, int at, string path) =>
        BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(CheckedOffset((ulong)at, 8, b.Length, path, "u64")));
}

public sealed record ElfSection(int Index, uint NameOffset, uint Type, ulong Offset, ulong Size, uint Link, uint Info);

public sealed class ElfFormatException(string path, string message)
    : Exception($"{path}: {message}")
{
    public string FilePath { get; } = path;
}
