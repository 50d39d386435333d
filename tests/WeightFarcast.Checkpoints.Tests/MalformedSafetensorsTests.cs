using System.Buffers.Binary;
using System.Text;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Tests.Support;

namespace WeightFarcast.Checkpoints.Tests;

public sealed class MalformedSafetensorsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("overlap", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "b")]
    [InlineData("hole", """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}""", 16, "b")]
    [InlineData("size mismatch", """{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", 8, "a")]
    [InlineData("unknown dtype", """{"a":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}""", 8, "a")]
    [InlineData("duplicate names", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8, "a")]
    [InlineData("negative dim", """{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4, "a")]
    [InlineData("missing key", """{"a":{"dtype":"F32","shape":[1]}}""", 4, "a")]
    [InlineData("fractional offset", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4.0]}}""", 4, "a")]
    public void Bad_entries_are_refused_naming_file_and_tensor(string label, string header, int dataBytes, string tensor)
    {
        var path = Craft(label, Encoding.UTF8.GetBytes(header), dataBytes);
        var error = Assert.IsType<CheckpointFormatException>(Record.Exception(() => CheckpointReader.Open(path)), exactMatch: false);
        Assert.Equal(path, error.FilePath);
        Assert.Equal(tensor, error.TensorName);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{tensor}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json array", """[{"a":1}]""", 0)]
    [InlineData("non-string metadata", """{"__metadata__":{"step":5}}""", 0)]
    [InlineData("metadata not an object", """{"__metadata__":["x"]}""", 0)]
    [InlineData("trailing garbage", """{} x""", 0)]
    [InlineData("data beyond tensors", """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 8)]
    [InlineData("not json", """{"a":""", 0)]
    [InlineData("leading space", """ {}""", 0)]
    public void Bad_headers_are_refused_naming_the_file(string label, string header, int dataBytes)
    {
        var path = Craft(label, Encoding.UTF8.GetBytes(header), dataBytes);
        var error = Assert.IsType<CheckpointFormatException>(Record.Exception(() => CheckpointReader.Open(path)), exactMatch: false);
        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_utf8_header_is_refused()
    {
        var header = Encoding.UTF8.GetBytes("""{"__metadata__":{"k":"v"}}""");
        header[20] = 0xFF;
        var path = Craft("utf8", header, 0);
        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointReader.Open(path));
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_length_beyond_the_file_is_refused()
    {
        var path = Craft("beyond", """{}"""u8.ToArray(), 0, declaredLength: 4096);
        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointReader.Open(path));
        Assert.Contains("beyond the end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_length_above_the_limit_is_refused()
    {
        var path = Craft("huge", """{}"""u8.ToArray(), 0, declaredLength: 100_000_001);
        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointReader.Open(path));
        Assert.Contains("100000000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_refused()
    {
        var full = SafetensorsWriterTests.WriteSample(_temp.File("full.safetensors"), SafetensorsWriterTests.SampleTensors());
        var bytes = File.ReadAllBytes(full);
        foreach (var keep in new[] { 0, 5, 8, 20, bytes.Length - 1 })
        {
            var path = _temp.File($"truncated-{keep}.safetensors");
            File.WriteAllBytes(path, bytes[..keep]);
            var error = Assert.Throws<CheckpointFormatException>(() => CheckpointReader.Open(path));
            Assert.Equal(path, error.FilePath);
        }
    }

    [Fact]
    public void Missing_path_is_a_checkpoint_exception_naming_it()
    {
        var path = _temp.File("nowhere", "model.safetensors");
        var error = Assert.Throws<CheckpointException>(() => CheckpointReader.Open(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private string Craft(string label, byte[] header, int dataBytes, ulong? declaredLength = null)
    {
        var path = _temp.File(label.Replace(' ', '-') + ".safetensors");
        var file = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, declaredLength ?? (ulong)header.Length);
        header.CopyTo(file, 8);
        File.WriteAllBytes(path, file);
        return path;
    }
}
