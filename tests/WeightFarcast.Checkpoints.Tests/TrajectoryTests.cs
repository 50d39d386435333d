using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Tests.Support;
using WeightFarcast.Checkpoints.Trajectories;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Tests.Shared;

namespace WeightFarcast.Checkpoints.Tests;

public sealed class TrajectoryTests
{
    private static readonly long[] DigitsSteps = [0, 50, 100, 150, 200, 300, 400, 600, 800, 1000, 1200, 1500];

    [Fact]
    public void Digits_pattern_discovers_the_twelve_steps_in_numeric_order()
    {
        var pattern = Path.Combine(RepoPaths.Fixture("digits-mlp", "seed-11"), "step-{step}.safetensors");
        var trajectory = Trajectory.Discover(pattern);
        Assert.Equal(DigitsSteps, trajectory.Steps);
        Assert.Equal(RepoPaths.Fixture("digits-mlp", "seed-11", "step-1200.safetensors"), trajectory.PathFor(1200));
        Assert.Empty(CheckpointCompatibility.Compare(trajectory));
    }

    [Fact]
    public void Placeholder_may_sit_in_folder_names_and_repeat()
    {
        using var temp = new TempDirectory();
        foreach (var step in new[] { 10, 2, 300 })
            WriteTiny(temp.File("seed-a", $"checkpoint-{step}", "model.safetensors"));
        WriteTiny(temp.File("seed-a", "checkpoint-7", "other.safetensors")); // no model.safetensors: not a match
        Directory.CreateDirectory(temp.File("seed-a", "checkpoint-x"));

        var trajectory = Trajectory.Discover(temp.File("seed-a", "checkpoint-{step}", "model.safetensors"));
        Assert.Equal([2L, 10, 300], trajectory.Steps);

        var trainer = Trajectory.Discover(temp.File("seed-a"));
        Assert.Equal([2L, 7, 10, 300], trainer.Steps);
        Assert.Equal(temp.File("seed-a", "checkpoint-10"), trainer.PathFor(10));

        WriteTiny(temp.File("rep", "s5", "w-5.safetensors"));
        WriteTiny(temp.File("rep", "s5", "w-6.safetensors"));
        Assert.Equal([5L], Trajectory.Discover(temp.File("rep", "s{step}", "w-{step}.safetensors")).Steps);
    }

    [Fact]
    public void No_match_names_the_pattern()
    {
        using var temp = new TempDirectory();
        var pattern = temp.File("runs", "step-{step}.safetensors");
        var error = Assert.Throws<CheckpointException>(() => Trajectory.Discover(pattern));
        Assert.Equal(pattern, error.FilePath);
        Assert.Contains(pattern, error.Message, StringComparison.Ordinal);
        Assert.Throws<CheckpointException>(() => Trajectory.Discover(temp.Path));
    }

    [Fact]
    public void Same_step_twice_is_refused()
    {
        using var temp = new TempDirectory();
        WriteTiny(temp.File("step-1.safetensors"));
        WriteTiny(temp.File("step-01.safetensors"));
        var error = Assert.Throws<CheckpointException>(() => Trajectory.Discover(temp.File("step-{step}.safetensors")));
        Assert.Contains("step 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compatibility_lists_every_mismatch_naming_tensor_and_both_files()
    {
        using var temp = new TempDirectory();
        var a = Write(temp.File("a.safetensors"),
            new("w", DType.F32, 2, 3), new("b", DType.F32, 3), new("gone", DType.F16, 1), new("step", DType.I64));
        var b = Write(temp.File("b.safetensors"),
            new("w", DType.F32, 3, 2), new("b", DType.BF16, 3), new("new", DType.F32, 1), new("step", DType.I64));
        using var reference = CheckpointReader.Open(a);
        using var other = CheckpointReader.Open(b);

        var mismatches = CheckpointCompatibility.Compare(reference, other);
        Assert.Equal(
            [(MismatchKind.ShapeMismatch, "w"), (MismatchKind.DTypeMismatch, "b"), (MismatchKind.MissingTensor, "gone"), (MismatchKind.ExtraTensor, "new")],
            mismatches.Select(m => (m.Kind, m.TensorName)).OrderBy(m => m.Kind).ThenBy(m => m.TensorName).ToList()
                .OrderBy(m => m.Kind switch { MismatchKind.ShapeMismatch => 0, MismatchKind.DTypeMismatch => 1, MismatchKind.MissingTensor => 2, _ => 3 }));
        Assert.All(mismatches, m => Assert.Contains(a, m.Message, StringComparison.Ordinal));
        Assert.All(mismatches, m => Assert.Contains(b, m.Message, StringComparison.Ordinal));
        Assert.Contains("[3, 2]", mismatches.Single(m => m.Kind == MismatchKind.ShapeMismatch).Message, StringComparison.Ordinal);

        var error = Assert.Throws<CheckpointMismatchException>(() => CheckpointCompatibility.EnsureCompatible(reference, other));
        Assert.Equal(4, error.Mismatches.Count);
        Assert.Contains("'gone'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'new'", error.Message, StringComparison.Ordinal);
        Assert.Equal(["step"], CheckpointCompatibility.PassThroughTensors(reference).Select(t => t.Name));
    }

    private static void WriteTiny(string path) => Write(path, new TensorInfo("w", DType.F32, 2));

    private static string Write(string path, params TensorInfo[] tensors)
    {
        using var writer = new SafetensorsWriter(path, tensors);
        foreach (var tensor in tensors)
            writer.WriteBytes(tensor.Name, 0, new byte[tensor.ByteLength]);
        writer.Commit();
        return path;
    }
}
