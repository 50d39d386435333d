using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Tests.Shared;

namespace WeightFarcast.Job.Tests;

/// <summary>A temp folder with a farcast.yaml over the real PyTorch digits trajectories, and helpers to run the job.</summary>
internal sealed class JobTestKit : IDisposable
{
    public JobTestKit()
    {
        Directory.CreateDirectory(Root);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "wf-job-" + Guid.NewGuid().ToString("N"));

    public string Output => Path.Combine(Root, "out");

    public static string FixtureRun(int seed) => RepoPaths.Fixture("digits-mlp", $"seed-{seed}", "step-{step}.safetensors");

    public RecordingObserver Observer { get; } = new();

    /// <summary>A config over the fixture: target seed 1 from steps 0 and 200, references seeds 11 and 12.</summary>
    public string WriteConfig(string extra = "", string? target = null, string? references = null, string horizons = "[400, 800, 1500]")
    {
        var yaml = $"""
            version: 1
            target:
              checkpoints: '{target ?? FixtureRun(1)}'
              initial_step: 0
              observed_step: 200
            reference: {references ?? $"['{FixtureRun(11)}', '{FixtureRun(12)}']"}
            horizons: {horizons}
            {(extra.Contains("output:", StringComparison.Ordinal) ? "" : "output: { directory: out }")}
            device: cpu
            {extra}
            """;
        var path = Path.Combine(Root, "farcast.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public Task<JobResult> RunAsync(string configPath, CancellationToken cancellationToken = default, ILossEvaluator? loss = null) =>
        new FarcastJob(Observer, _ => null, null, loss).RunAsync(ConfigPipeline.Load(configPath, _ => null), cancellationToken);

    /// <summary>Runs a job that must stop in planning: the error names every part given, and no output is written.</summary>
    public async Task<T> FailsInPlanningAsync<T>(string configPath, params string[] messageParts) where T : Exception
    {
        var error = await Assert.ThrowsAsync<T>(() => RunAsync(configPath));
        foreach (var part in messageParts)
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Output));
        return error;
    }

    /// <summary>Copies a fixture run's steps into a new run folder, letting a test change tensors on the way.</summary>
    public string CopyRun(int seed, string name, Func<TensorInfo, float[], (TensorInfo Tensor, float[] Values)?>? change = null, params int[] steps)
    {
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        foreach (var step in steps)
        {
            using var reader = CheckpointReader.Open(FixtureRun(seed).Replace("{step}", step.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            var tensors = new List<(TensorInfo, float[])>();
            foreach (var tensor in reader.Tensors)
            {
                var values = new float[tensor.ElementCount];
                reader.ReadSingles(tensor.Name, 0, values);
                var changed = change is null ? (tensor, values) : change(tensor, values);
                if (changed is { } c)
                    tensors.Add(c);
            }
            using var writer = new SafetensorsWriter(Path.Combine(folder, $"step-{step}.safetensors"), tensors.Select(t => t.Item1).ToList());
            foreach (var (tensor, values) in tensors)
                writer.WriteSingles(tensor.Name, 0, values);
            writer.Commit();
        }
        return Path.Combine(folder, "step-{step}.safetensors");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed class RecordingObserver : IJobObserver
{
    public List<string> Stages { get; } = [];
    public List<EpochProgress> Epochs { get; } = [];
    public List<string> Warnings { get; } = [];
    public Action<EpochProgress>? OnEpoch { get; set; }

    public void Stage(string stage, string detail)
    {
        lock (Stages)
            Stages.Add(stage);
    }

    public void Epoch(EpochProgress progress)
    {
        lock (Epochs)
            Epochs.Add(progress);
        OnEpoch?.Invoke(progress);
    }

    public void Progress(string message)
    {
    }

    public void Warning(string message)
    {
        lock (Warnings)
            Warnings.Add(message);
    }
}
