using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Training;

namespace WeightFarcast.Job.Demo;

/// <summary>Moves trainer weights to and from safetensors files, so demo runs are ordinary checkpoint trajectories.</summary>
public static class NamedWeightsFiles
{
    public static void Write(NamedWeights weights, string path, IReadOnlyDictionary<string, string> metadata)
    {
        var tensors = weights.Select(t => new TensorInfo(t.Name, DType.F32, t.Shape)).ToList();
        using var writer = new SafetensorsWriter(path, tensors, metadata);
        foreach (var tensor in weights)
            writer.WriteSingles(tensor.Name, 0, tensor.Values);
        writer.Commit();
    }

    public static NamedWeights Read(string path)
    {
        using var reader = CheckpointReader.Open(path);
        return new NamedWeights(reader.Tensors.Select(t =>
        {
            var values = new float[t.ElementCount];
            reader.ReadSingles(t.Name, 0, values);
            return new NamedTensor(t.Name, t.Shape.ToArray(), values);
        }));
    }
}
