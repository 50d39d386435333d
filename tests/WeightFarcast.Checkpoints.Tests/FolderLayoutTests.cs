using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Tests.Support;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Tests.Shared;

namespace WeightFarcast.Checkpoints.Tests;

public sealed class FolderLayoutTests
{
    [Fact]
    public void Sharded_pytorch_index_is_read_through_its_shards()
    {
        using var temp = new TempDirectory();
        var source = RepoPaths.Fixture("pytorch", "state_dict.pt");
        File.Copy(source, temp.File("pytorch_model-00001-of-00002.bin"));
        File.Copy(source, temp.File("pytorch_model-00002-of-00002.bin"));
        File.WriteAllText(temp.File("pytorch_model.bin.index.json"), """
            {"metadata": {"total_size": 96, "format": "pt"},
             "weight_map": {"linear.weight": "pytorch_model-00001-of-00002.bin", "linear.bias": "pytorch_model-00001-of-00002.bin",
                            "emb.weight": "pytorch_model-00002-of-00002.bin", "norm.weight": "pytorch_model-00002-of-00002.bin"}}
            """);

        using var reader = CheckpointReader.Open(temp.Path);
        using var original = CheckpointReader.Open(source);
        Assert.Equal(CheckpointFormat.ShardedPyTorch, reader.Format);
        Assert.Equal(["linear.weight", "linear.bias", "emb.weight", "norm.weight"], reader.Tensors.Select(t => t.Name));
        foreach (var tensor in reader.Tensors)
        {
            var expected = new float[tensor.ElementCount];
            var actual = new float[tensor.ElementCount];
            original.ReadSingles(tensor.Name, 0, expected);
            reader.ReadSingles(tensor.Name, 0, actual);
            Assert.Equal(expected, actual);
        }
        Assert.False(reader.TryGetTensor("counter", out _)); // in the shard, but not in the index

        // Forecasts of a sharded PyTorch input are written as safetensors shards with mapped names.
        using var writer = CheckpointWriter.CreateLike(reader, temp.File("out"));
        Assert.IsType<ShardedSafetensorsWriter>(writer);
        Assert.Equal("model-00002-of-00002.safetensors", CheckpointWriter.SafetensorsShardName("pytorch_model-00002-of-00002.bin"));
    }

    [Fact]
    public void Index_naming_a_tensor_its_shard_lacks_is_refused_naming_both()
    {
        using var temp = new TempDirectory();
        File.Copy(RepoPaths.Fixture("pytorch", "state_dict.safetensors"), temp.File("a.safetensors"));
        File.WriteAllText(temp.File("model.safetensors.index.json"), """{"weight_map": {"ghost": "a.safetensors"}}""");
        var error = Assert.Throws<CheckpointFormatException>(() => CheckpointReader.Open(temp.Path));
        Assert.Equal("ghost", error.TensorName);
        Assert.Contains("a.safetensors", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_escaping_its_folder_is_refused()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("model.safetensors.index.json"), """{"weight_map": {"w": "../elsewhere.safetensors"}}""");
        Assert.Throws<CheckpointFormatException>(() => CheckpointReader.Open(temp.Path));
    }

    [Fact]
    public void Folder_with_model_safetensors_opens_it()
    {
        using var temp = new TempDirectory();
        File.Copy(RepoPaths.Fixture("pytorch", "state_dict.safetensors"), temp.File("model.safetensors"));
        using var reader = CheckpointReader.Open(temp.Path);
        Assert.Equal(CheckpointFormat.Safetensors, reader.Format);
        Assert.Equal(6, reader.Tensors.Count);
    }

    [Fact]
    public void Empty_folder_explains_what_was_expected()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<CheckpointException>(() => CheckpointReader.Open(temp.Path));
        Assert.Contains("model.safetensors", error.Message, StringComparison.Ordinal);
    }
}
