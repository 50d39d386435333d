using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Tests.Support;

namespace WeightFarcast.Checkpoints.Tests;

public sealed class UnsupportedLayoutTests
{
    [Fact]
    public void DeepSpeed_folder_is_refused_with_zero_to_fp32_command()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("latest"), "global_step100");
        Directory.CreateDirectory(temp.File("global_step100"));
        var error = Assert.Throws<UnsupportedCheckpointException>(() => CheckpointReader.Open(temp.Path));
        Assert.Contains("zero_to_fp32.py", error.Message, StringComparison.Ordinal);
        Assert.Contains("--safe_serialization", error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Path, error.ConversionCommand, StringComparison.Ordinal);
    }

    [Fact]
    public void Fsdp_folder_is_refused_with_merge_fsdp_weights_command()
    {
        using var temp = new TempDirectory();
        var shards = temp.File("pytorch_model_fsdp_0");
        Directory.CreateDirectory(shards);
        File.WriteAllText(Path.Combine(shards, ".metadata"), "x");
        File.WriteAllText(Path.Combine(shards, "__0_0.distcp"), "x");
        var error = Assert.Throws<UnsupportedCheckpointException>(() => CheckpointReader.Open(temp.Path));
        Assert.Contains("from accelerate.utils import merge_fsdp_weights; merge_fsdp_weights(", error.Message, StringComparison.Ordinal);
        Assert.Contains("safe_serialization=True", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{shards}'", error.ConversionCommand, StringComparison.Ordinal);
        Assert.Throws<UnsupportedCheckpointException>(() => CheckpointReader.Open(Path.Combine(shards, "__0_0.distcp")));
    }

    [Fact]
    public void Safetensors_whose_header_length_starts_with_the_pickle_byte_is_not_taken_for_legacy_torch()
    {
        // Header length 0x180: its first (low) byte is 0x80, the pickle protocol marker of legacy torch files.
        using var temp = new TempDirectory();
        var path = temp.File("model.pt");
        var json = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        var header = System.Text.Encoding.ASCII.GetBytes(json.PadRight(0x180));
        var bytes = new byte[8 + header.Length + 4];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), (ulong)header.Length);
        header.CopyTo(bytes, 8);
        BitConverter.TryWriteBytes(bytes.AsSpan(8 + header.Length), 2.5f);
        File.WriteAllBytes(path, bytes);
        Assert.Equal(0x80, bytes[0]);

        using var reader = CheckpointReader.Open(path);
        var value = new float[1];
        reader.ReadSingles("x", 0, value);
        Assert.Equal(2.5f, value[0]);
    }

    [Fact]
    public void Legacy_torch_file_is_refused_with_both_conversion_commands()
    {
        using var temp = new TempDirectory();
        var legacy = temp.File("old.pt");
        // torch's legacy format: a pickled magic number first.
        File.WriteAllBytes(legacy, [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]);
        var error = Assert.Throws<UnsupportedCheckpointException>(() => CheckpointReader.Open(legacy));
        Assert.Contains($"torch.load('{legacy}', map_location='cpu')", error.Message, StringComparison.Ordinal);
        Assert.Contains("_use_new_zipfile_serialization=True", error.Message, StringComparison.Ordinal);
        Assert.Contains("save_file(", error.ConversionCommand, StringComparison.Ordinal);
        Assert.IsAssignableFrom<CheckpointFormatException>(error);
    }
}
