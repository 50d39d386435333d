using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Writing;

namespace WeightFarcast.Job.Applying;

/// <summary>Where and how the forecast for one horizon is written: in the input's layout (one file, or the same
/// shards with an index), as step-&lt;h&gt;, with the requested dtype for float tensors.</summary>
public static class ForecastOutputs
{
    public static string PathFor(ICheckpointReader layout, string directory, int horizon) =>
        layout.Format is CheckpointFormat.Safetensors or CheckpointFormat.PyTorchZip
            ? Path.Combine(directory, $"step-{horizon}.safetensors")
            : Path.Combine(directory, $"step-{horizon}");

    public static ICheckpointWriter Create(ICheckpointReader layout, IReadOnlyList<TensorInfo> tensors, string directory, int horizon, IReadOnlyDictionary<string, string> metadata)
    {
        var path = PathFor(layout, directory, horizon);
        if (layout.Format is CheckpointFormat.Safetensors or CheckpointFormat.PyTorchZip)
            return new SafetensorsWriter(path, tensors, metadata);
        var shards = tensors.Select(t => (t, CheckpointWriter.SafetensorsShardName(layout.WeightMap[t.Name])));
        return new ShardedSafetensorsWriter(path, shards, metadata);
    }
}
