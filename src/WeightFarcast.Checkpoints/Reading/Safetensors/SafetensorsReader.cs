using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace WeightFarcast.Checkpoints.Reading.Safetensors;

/// <summary>One .safetensors file: the header is parsed and validated on open; tensor data is read on demand.</summary>
public sealed class SafetensorsReader : SingleFileCheckpointReader
{
    private SafetensorsReader(string path, SafeFileHandle handle, List<SafetensorsEntry> entries, Dictionary<string, string> metadata, long dataStart)
        : base(path, handle, entries.Select(e => (e.Tensor, dataStart + e.Begin)).ToList())
    {
        Metadata = metadata;
    }

    public override CheckpointFormat Format => CheckpointFormat.Safetensors;

    public override IReadOnlyDictionary<string, string> Metadata { get; }

    public static SafetensorsReader Open(string path)
    {
        var handle = FileOpening.OpenForRead(path);
        try
        {
            var fileLength = RandomAccess.GetLength(handle);
            if (fileLength < 8)
                throw new CheckpointFormatException(path, $"file has {fileLength} bytes; a safetensors file needs at least an 8-byte header length.");
            Span<byte> prefix = stackalloc byte[8];
            FileOpening.ReadExactly(handle, path, prefix, 0);
            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerLength > SafetensorsHeader.MaxHeaderLength)
                throw new CheckpointFormatException(path, $"header length {headerLength} exceeds the safetensors limit of {SafetensorsHeader.MaxHeaderLength} bytes.");
            if (8 + (long)headerLength > fileLength)
                throw new CheckpointFormatException(path, $"header length {headerLength} reaches beyond the end of the {fileLength}-byte file.");
            var header = new byte[headerLength];
            FileOpening.ReadExactly(handle, path, header, 8);
            var dataStart = 8 + (long)headerLength;
            var (entries, metadata) = SafetensorsHeader.Parse(path, header, fileLength - dataStart);
            return new SafetensorsReader(path, handle, entries, metadata, dataStart);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
