using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Sharding;

namespace WeightFarcast.Job.Tests;

public class TensorPartitionTests
{
    private static readonly IReadOnlyList<TensorInfo> Model =
    [
        new("embed.weight", DType.F32, 1000, 64), new("l1.weight", DType.F32, 256, 64), new("l1.bias", DType.F32, 256),
        new("l2.weight", DType.BF16, 256, 256), new("l2.bias", DType.BF16, 256), new("head.weight", DType.F32, 64, 1000),
        new("step", DType.I64), new("norm.weight", DType.F32, 256), new("norm.bias", DType.F32, 256), new("empty", DType.F32, 0),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(16)]
    public void Every_tensor_lands_in_exactly_one_shard(int shards)
    {
        var parts = Enumerable.Range(0, shards).Select(i => TensorPartition.Of(Model, new ShardSpec(i, shards))).ToList();

        Assert.Equal(Model.Select(t => t.Name).Order(StringComparer.Ordinal), parts.SelectMany(p => p).Select(t => t.Name).Order(StringComparer.Ordinal));
        // Each part keeps the checkpoint's order.
        Assert.All(parts, p => Assert.Equal(Model.Where(p.Contains).Select(t => t.Name), p.Select(t => t.Name)));
    }

    [Fact]
    public void The_partition_depends_only_on_names_and_sizes_not_on_input_order()
    {
        var reversed = Model.Reverse().ToList();
        var forward = TensorPartition.Assign(Model, 3);
        var backward = TensorPartition.Assign(reversed, 3);

        for (var t = 0; t < Model.Count; t++)
            Assert.Equal(forward[t], backward[Model.Count - 1 - t]);
        Assert.Equal(forward, TensorPartition.Assign(Model, 3));
    }

    [Fact]
    public void Shards_are_balanced_by_bytes_within_the_largest_tensor()
    {
        var tensors = Enumerable.Range(0, 40).Select(i => new TensorInfo($"t{i:00}", DType.F32, 1000 + 37 * i)).ToList();
        var assigned = TensorPartition.Assign(tensors, 4);
        var loads = Enumerable.Range(0, 4).Select(s => tensors.Where((_, t) => assigned[t] == s).Sum(t => t.ByteLength)).ToList();

        // Greedy largest-first into the least-loaded shard: no shard exceeds another by more than one tensor.
        Assert.True(loads.Max() - loads.Min() <= tensors.Max(t => t.ByteLength), string.Join(", ", loads));
    }

    [Fact]
    public void Ties_go_by_name_into_the_lowest_shard()
    {
        var tensors = new List<TensorInfo> { new("b", DType.F32, 10), new("a", DType.F32, 10), new("c", DType.F32, 10) };

        Assert.Equal([1, 0, 2], TensorPartition.Assign(tensors, 3));
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void Shard_text_parses(string text, int index, int count) => Assert.Equal(new ShardSpec(index, count), ShardSpec.TryParse(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("0/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    public void Bad_shard_text_is_refused(string text) => Assert.Null(ShardSpec.TryParse(text));

    [Fact]
    public void The_indexed_job_environment_gives_the_shard_only_when_a_count_is_set()
    {
        var env = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2" };
        Assert.Null(ShardSpec.Resolve(null, null, env.GetValueOrDefault));
        Assert.Equal(new ShardSpec(2, 3), ShardSpec.Resolve(null, 3, env.GetValueOrDefault));
        env["WEIGHTFARCAST_SHARDS"] = "5";
        Assert.Equal(new ShardSpec(2, 5), ShardSpec.Resolve(null, null, env.GetValueOrDefault));
        Assert.Equal(new ShardSpec(1, 2), ShardSpec.Resolve("1/2", null, env.GetValueOrDefault));
        env["WEIGHTFARCAST_SHARDS"] = "two";
        Assert.Throws<ConfigException>(() => ShardSpec.Resolve(null, null, env.GetValueOrDefault));
    }
}
