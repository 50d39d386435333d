using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace WeightFarcast.Checkpoints.Reading.PyTorch;

/// <summary>
/// Reads a zip's central directory (with ZIP64) to learn where each entry's bytes are. System.IO.Compression does not
/// expose entry offsets, and torch.save stores entries uncompressed, so knowing the offset lets us stream tensors
/// straight from the zip.
/// </summary>
internal static class ZipDirectory
{
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint Zip64EndOfCentralDirectory = 0x06064b50;
    private const uint CentralHeader = 0x02014b50;
    private const uint LocalHeader = 0x04034b50;
    private const int MaxCentralDirectoryBytes = 256 << 20;

    public static Dictionary<string, ZipEntry> Read(SafeFileHandle handle, string path)
    {
        var fileLength = RandomAccess.GetLength(handle);
        var (entryCount, directoryOffset, directorySize) = FindCentralDirectory(handle, path, fileLength);
        if (directorySize < 0 || directorySize > MaxCentralDirectoryBytes || directoryOffset < 0 || directoryOffset + directorySize > fileLength)
            throw new CheckpointFormatException(path, "zip central directory lies outside the file.");
        var directory = new byte[directorySize];
        FileOpening.ReadExactly(handle, path, directory, directoryOffset);

        var entries = new Dictionary<string, ZipEntry>(StringComparer.Ordinal);
        var position = 0;
        for (long i = 0; i < entryCount; i++)
        {
            var header = Slice(directory, position, 46, path);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralHeader)
                throw new CheckpointFormatException(path, $"zip central directory entry {i} has a bad signature.");
            var method = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
            long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
            var name = Encoding.UTF8.GetString(Slice(directory, position + 46, nameLength, path));
            var extra = Slice(directory, position + 46 + nameLength, extraLength, path);
            ApplyZip64Extra(extra, ref uncompressed, ref compressed, ref localOffset);
            position += 46 + nameLength + extraLength + commentLength;

            var dataOffset = LocalDataOffset(handle, path, name, localOffset, fileLength);
            if (compressed < 0 || dataOffset + compressed > fileLength)
                throw new CheckpointFormatException(path, $"zip entry '{name}' reaches beyond the end of the file.");
            entries[name] = new ZipEntry(name, method, compressed, uncompressed, dataOffset);
        }
        return entries;
    }

    private static (long Count, long Offset, long Size) FindCentralDirectory(SafeFileHandle handle, string path, long fileLength)
    {
        var tailLength = (int)Math.Min(fileLength, 22 + ushort.MaxValue);
        var tail = new byte[tailLength];
        FileOpening.ReadExactly(handle, path, tail, fileLength - tailLength);
        for (var i = tailLength - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != EndOfCentralDirectory)
                continue;
            long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
            long size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 12));
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 16));
            if (count != 0xFFFF && size != 0xFFFF_FFFF && offset != 0xFFFF_FFFF)
                return (count, offset, size);
            return ReadZip64End(handle, path, fileLength - tailLength + i);
        }
        throw new CheckpointFormatException(path, "not a zip archive (no end-of-central-directory record).");
    }

    private static (long Count, long Offset, long Size) ReadZip64End(SafeFileHandle handle, string path, long endRecordOffset)
    {
        if (endRecordOffset < 20)
            throw new CheckpointFormatException(path, "zip64 locator missing.");
        Span<byte> locator = stackalloc byte[20];
        FileOpening.ReadExactly(handle, path, locator, endRecordOffset - 20);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64Locator)
            throw new CheckpointFormatException(path, "zip64 locator missing.");
        var recordOffset = BinaryPrimitives.ReadInt64LittleEndian(locator[8..]);
        Span<byte> record = stackalloc byte[56];
        if (recordOffset < 0)
            throw new CheckpointFormatException(path, "zip64 end record offset is invalid.");
        FileOpening.ReadExactly(handle, path, record, recordOffset);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndOfCentralDirectory)
            throw new CheckpointFormatException(path, "zip64 end record has a bad signature.");
        return (BinaryPrimitives.ReadInt64LittleEndian(record[32..]),
                BinaryPrimitives.ReadInt64LittleEndian(record[48..]),
                BinaryPrimitives.ReadInt64LittleEndian(record[40..]));
    }

    // ZIP64 extended information: the 64-bit values appear, in this order, only for fields saturated at 0xFFFFFFFF.
    private static void ApplyZip64Extra(ReadOnlySpan<byte> extra, ref long uncompressed, ref long compressed, ref long localOffset)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (size > extra.Length - 4)
                return;
            var field = extra.Slice(4, size);
            if (id == 0x0001)
            {
                if (uncompressed == 0xFFFF_FFFF && TakeInt64(ref field, out var u)) uncompressed = u;
                if (compressed == 0xFFFF_FFFF && TakeInt64(ref field, out var c)) compressed = c;
                if (localOffset == 0xFFFF_FFFF && TakeInt64(ref field, out var o)) localOffset = o;
            }
            extra = extra[(4 + size)..];
        }
    }

    private static bool TakeInt64(ref ReadOnlySpan<byte> field, out long value)
    {
        if (field.Length < 8)
        {
            value = 0;
            return false;
        }
        value = BinaryPrimitives.ReadInt64LittleEndian(field);
        field = field[8..];
        return true;
    }

    private static long LocalDataOffset(SafeFileHandle handle, string path, string name, long localOffset, long fileLength)
    {
        if (localOffset < 0 || localOffset + 30 > fileLength)
            throw new CheckpointFormatException(path, $"zip entry '{name}' has a local header outside the file.");
        Span<byte> local = stackalloc byte[30];
        FileOpening.ReadExactly(handle, path, local, localOffset);
        if (BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalHeader)
            throw new CheckpointFormatException(path, $"zip entry '{name}' has a bad local header signature.");
        return localOffset + 30 + BinaryPrimitives.ReadUInt16LittleEndian(local[26..]) + BinaryPrimitives.ReadUInt16LittleEndian(local[28..]);
    }

    private static ReadOnlySpan<byte> Slice(byte[] buffer, int start, int length, string path) =>
        start >= 0 && length >= 0 && start <= buffer.Length - length
            ? buffer.AsSpan(start, length)
            : throw new CheckpointFormatException(path, "zip central directory is truncated.");
}
