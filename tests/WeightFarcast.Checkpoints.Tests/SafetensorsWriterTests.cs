using System.Text;
using System.Text.Json;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Tests.Support;
using WeightFarcast.Checkpoints.Writing;

namespace WeightFarcast.Checkpoints.Tests;

public sealed class SafetensorsWriterTests
{
    /// <summary>One tensor per dtype plus a 0-d scalar and an empty tensor, filled with random bytes.</summary>
    internal static List<(TensorInfo Tensor, byte[] Data)> SampleTensors(int seed = 7)
    {
        var random = new Random(seed);
        var tensors = new List<TensorInfo>();
        foreach (var dtype in Enum.GetValues<DType>())
            tensors.Add(new TensorInfo($"t.{dtype.SafetensorsName().ToLowerInvariant()}", dtype, 3, 5));
        tensors.Add(new TensorInfo("scalar", DType.F32));
        tensors.Add(new TensorInfo("empty", DType.BF16, 0, 4));
        tensors.Add(new TensorInfo("step", DType.I64));
        return tensors.Select(t =>
        {
            var data = new byte[t.ByteLength];
            random.NextBytes(data);
            if (t.DType == DType.BOOL)
                data = data.Select(b => (byte)(b & 1)).ToArray();
            return (t, data);
        }).ToList();
    }

    internal static string WriteSample(string path, List<(TensorInfo Tensor, byte[] Data)> sample, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var writer = new SafetensorsWriter(path, sample.Select(s => s.Tensor), metadata);
        // Write in reverse order and in two chunks each, to exercise out-of-order positional writes.
        foreach (var (tensor, data) in Enumerable.Reverse(sample))
        {
            var half = data.Length / 2;
            writer.WriteBytes(tensor.Name, half, data.AsSpan(half));
            writer.WriteBytes(tensor.Name, 0, data.AsSpan(0, half));
        }
        writer.Commit();
        return path;
    }

    [Fact]
    public void Every_dtype_round_trips_bit_exact_through_our_reader()
    {
        using var temp = new TempDirectory();
        var sample = SampleTensors();
        var path = WriteSample(temp.File("all.safetensors"), sample);
        using var reader = CheckpointReader.Open(path);
        Assert.Equal(sample.Count, reader.Tensors.Count);
        foreach (var (tensor, data) in sample)
        {
            Assert.Equal(tensor, reader[tensor.Name]);
            var back = new byte[data.Length];
            reader.ReadBytes(tensor.Name, 0, back);
            Assert.Equal(data, back);
        }
    }

    [Fact]
    public void Written_file_satisfies_an_independent_spec_parser()
    {
        using var temp = new TempDirectory();
        var sample = SampleTensors();
        var path = WriteSample(temp.File("spec.safetensors"), sample, new Dictionary<string, string> { ["source"] = "unit test", ["step"] = "12" });
        var bytes = File.ReadAllBytes(path);
        var parsed = SpecSafetensors.Parse(bytes);

        Assert.Equal(0, parsed.HeaderLength % 8);
        Assert.Equal("pt", parsed.Metadata["format"]);
        Assert.Equal("unit test", parsed.Metadata["source"]);
        Assert.Equal("12", parsed.Metadata["step"]);
        var headerText = Encoding.UTF8.GetString(bytes, 8, parsed.HeaderLength);
        Assert.Equal(headerText.TrimEnd(' ').Length, headerText.TrimEnd(' ').TrimEnd().Length);
        foreach (var (tensor, data) in sample)
        {
            var (dtype, shape, stored) = parsed.Tensors[tensor.Name];
            Assert.Equal(tensor.DType.SafetensorsName(), dtype);
            Assert.Equal(tensor.Shape, shape);
            Assert.Equal(data, stored);
        }
        // Descending alignment, then name.
        var expectedOrder = sample.Select(s => s.Tensor)
            .OrderByDescending(t => t.DType.ElementSize()).ThenBy(t => t.Name, StringComparer.Ordinal).Select(t => t.Name);
        Assert.Equal(expectedOrder, parsed.Order);
    }

    [Fact]
    public void WriteSingles_converts_to_the_tensor_dtype()
    {
        using var temp = new TempDirectory();
        var path = temp.File("singles.safetensors");
        float[] values = [1f, -2.5f, 1e-3f, 65504f, 3.14159f];
        var dtypes = new[] { DType.F64, DType.F32, DType.F16, DType.BF16, DType.F8_E4M3, DType.F8_E5M2 };
        using (var writer = new SafetensorsWriter(path, dtypes.Select(d => new TensorInfo(d.ToString(), d, values.Length))))
        {
            foreach (var dtype in dtypes)
                writer.WriteSingles(dtype.ToString(), 0, values);
            Assert.Throws<ArgumentException>(() => writer.WriteSingles("nope", 0, values));
            writer.Commit();
        }
        using var reader = CheckpointReader.Open(path);
        foreach (var dtype in dtypes)
        {
            var expectedBytes = new byte[values.Length * dtype.ElementSize()];
            DTypeConversion.FromSingle(values, dtype, expectedBytes);
            var stored = new byte[expectedBytes.Length];
            reader.ReadBytes(dtype.ToString(), 0, stored);
            Assert.Equal(expectedBytes, stored);
        }
        var f32 = new float[values.Length];
        reader.ReadSingles("F32", 0, f32);
        Assert.Equal(values, f32);
    }

    [Fact]
    public void Dispose_without_commit_leaves_neither_target_nor_temp()
    {
        using var temp = new TempDirectory();
        var target = temp.File("out.safetensors");
        var sample = SampleTensors();
        var writer = new SafetensorsWriter(target, sample.Select(s => s.Tensor));
        writer.WriteBytes(sample[0].Tensor.Name, 0, sample[0].Data);
        Assert.True(File.Exists(writer.TempPath));
        writer.Dispose();
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Exception_before_commit_leaves_no_files()
    {
        using var temp = new TempDirectory();
        var target = temp.File("out.safetensors");
        var sample = SampleTensors();
        void FailingForecast()
        {
            using var writer = new SafetensorsWriter(target, sample.Select(s => s.Tensor));
            writer.WriteBytes(sample[0].Tensor.Name, 0, sample[0].Data);
            throw new InvalidOperationException("forecast failed");
        }
        Assert.Throws<InvalidOperationException>(FailingForecast);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Commit_refuses_incomplete_tensors_and_names_them()
    {
        using var temp = new TempDirectory();
        var target = temp.File("out.safetensors");
        var tensor = new TensorInfo("w", DType.F32, 10);
        using (var writer = new SafetensorsWriter(target, [tensor]))
        {
            writer.WriteSingles("w", 0, new float[4]);
            writer.WriteSingles("w", 6, new float[4]);
            var error = Assert.Throws<CheckpointException>(writer.Commit);
            Assert.Equal("w", error.TensorName);
            Assert.Contains("16", error.Message, StringComparison.Ordinal);
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Commit_replaces_an_existing_file_atomically()
    {
        using var temp = new TempDirectory();
        var target = temp.File("out.safetensors");
        File.WriteAllText(target, "old");
        var sample = SampleTensors();
        WriteSample(target, sample);
        Assert.Equal(sample.Count, SpecSafetensors.Parse(File.ReadAllBytes(target)).Tensors.Count);
        Assert.Single(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Sharded_write_round_trips_with_a_correct_index()
    {
        using var temp = new TempDirectory();
        var sample = SampleTensors();
        var layout = sample.Select((s, i) => (s.Tensor, $"model-0000{i % 3 + 1}-of-00003.safetensors")).ToList();
        var folder = temp.File("sharded");
        using (var writer = new ShardedSafetensorsWriter(folder, layout, new Dictionary<string, string> { ["step"] = "5" }))
        {
            foreach (var (tensor, data) in sample)
                writer.WriteBytes(tensor.Name, 0, data);
            writer.Commit();
        }

        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "model.safetensors.index.json")));
        Assert.Equal(sample.Sum(s => s.Data.LongLength), index.RootElement.GetProperty("metadata").GetProperty("total_size").GetInt64());
        var weightMap = index.RootElement.GetProperty("weight_map").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(layout.ToDictionary(l => l.Tensor.Name, l => (string?)l.Item2), weightMap);
        foreach (var shard in layout.Select(l => l.Item2).Distinct())
            Assert.Equal("5", SpecSafetensors.Parse(File.ReadAllBytes(Path.Combine(folder, shard))).Metadata["step"]);
        Assert.DoesNotContain(Directory.EnumerateFiles(folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));

        using var reader = CheckpointReader.Open(folder);
        Assert.Equal(CheckpointFormat.ShardedSafetensors, reader.Format);
        foreach (var (tensor, data) in sample)
        {
            var back = new byte[data.Length];
            reader.ReadBytes(tensor.Name, 0, back);
            Assert.Equal(data, back);
            Assert.Equal(weightMap[tensor.Name], reader.WeightMap[tensor.Name]);
        }

        // CreateLike reproduces the sharding.
        var copyFolder = temp.File("copy");
        using (var copy = CheckpointWriter.CreateLike(reader, copyFolder))
        {
            foreach (var tensor in reader.Tensors)
                CheckpointWriter.CopyTensor(reader, copy, tensor.Name);
            copy.Commit();
        }
        using var copied = CheckpointReader.Open(copyFolder);
        Assert.Equal(reader.WeightMap.OrderBy(p => p.Key), copied.WeightMap.OrderBy(p => p.Key));
    }

    [Fact]
    public void Sharded_writer_dispose_without_commit_leaves_nothing()
    {
        using var temp = new TempDirectory();
        var sample = SampleTensors();
        var folder = temp.File("sharded");
        using (var writer = new ShardedSafetensorsWriter(folder, sample.Select((s, i) => (s.Tensor, $"s{i % 2}.safetensors"))))
        {
            foreach (var (tensor, data) in sample.Skip(1))
                writer.WriteBytes(tensor.Name, 0, data);
            Assert.Throws<CheckpointException>(writer.Commit);
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void CreateLike_writes_safetensors_for_a_pytorch_input()
    {
        using var temp = new TempDirectory();
        using var reader = CheckpointReader.Open(WeightFarcast.Tests.Shared.RepoPaths.Fixture("pytorch", "state_dict.pt"));
        using (var writer = CheckpointWriter.CreateLike(reader, temp.Path, new Dictionary<string, string> { ["source"] = "state_dict.pt" }))
        {
            foreach (var tensor in reader.Tensors)
                CheckpointWriter.CopyTensor(reader, writer, tensor.Name);
            writer.Commit();
        }
        using var written = CheckpointReader.Open(temp.Path);
        Assert.Equal(CheckpointFormat.Safetensors, written.Format);
        Assert.Equal(reader.Tensors.OrderBy(t => t.Name), written.Tensors.OrderBy(t => t.Name));
        Assert.Equal("pt", written.Metadata["format"]);
    }
}
