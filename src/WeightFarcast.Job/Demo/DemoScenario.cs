using System.Globalization;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Output;
using WeightFarcast.Training;

namespace WeightFarcast.Job.Demo;

/// <summary>
/// The one-command demo: trains three short runs of a real network (the digits MLP, data shipped in the tool),
/// saves their checkpoint trajectories, then runs the ordinary farcast job on them: seed 1 is the target, seeds 11
/// and 12 are reference runs. Everything lands in one folder (runs/, farcast.yaml, out/, mlruns/).
/// </summary>
public static class DemoScenario
{
    public static readonly int[] ReferenceSeeds = [11, 12];
    public const int TargetSeed = 1;
    public const int Steps = 600;
    public const int SaveEvery = 50;
    public const int ObservedStep = 100;
    public static readonly int[] Horizons = [200, 400, 600];

    public static async Task<JobResult> RunAsync(string directory, IJobObserver observer, Func<string, string?> getEnv, IReadOnlyDictionary<string, string>? contextTags, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        foreach (var seed in ReferenceSeeds.Append(TargetSeed))
        {
            observer.Stage("train", $"digits MLP, seed {seed}: {Steps} Adam steps, checkpoint every {SaveEvery}");
            var runDirectory = Path.Combine(directory, "runs", $"seed-{seed}");
            Directory.CreateDirectory(runDirectory);
            var summary = await Task.Factory.StartNew(() => TrajectoryTrainer.Train(
                new TrainingRunOptions { Seed = seed, Steps = Steps, SaveEvery = SaveEvery },
                (step, weights) => NamedWeightsFiles.Write(weights, Path.Combine(runDirectory, $"step-{step}.safetensors"), new Dictionary<string, string>
                {
                    ["weightfarcast.kind"] = "demo-checkpoint",
                    ["task"] = "digits-mlp",
                    ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
                    ["step"] = step.ToString(CultureInfo.InvariantCulture),
                }),
                cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            observer.Stage("train", $"seed {seed}: eval loss {summary.Initial.EvalLoss:0.000} -> {summary.Final.EvalLoss:0.000} in {summary.Elapsed.TotalSeconds:0.0} s");
        }

        var configPath = Path.Combine(directory, ConfigPipeline.DefaultFileName);
        AtomicFile.WriteAllText(configPath, ConfigYaml());
        var settings = ConfigPipeline.Load(configPath, getEnv);
        var job = new FarcastJob(observer, getEnv, contextTags, new DigitsLossEvaluator());
        return await job.RunAsync(settings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The demo's configuration: a short, real farcast.yaml users can copy.</summary>
    public static string ConfigYaml() => $$"""
        # yaml-language-server: $schema=./farcast.schema.json
        # Written by `weightfarcast demo`: farcast seed 1 of the digits MLP from steps 0 and {{ObservedStep}}.
        version: 1
        target:
          checkpoints: runs/seed-{{TargetSeed}}/step-{step}.safetensors
          initial_step: 0
          observed_step: {{ObservedStep}}
        reference:
        {{string.Join("\n", ReferenceSeeds.Select(s => $"  - runs/seed-{s}/step-{{step}}.safetensors"))}}
        forecaster:
          inputs: [initial, observed]
          sample: 200000
        horizons: [{{string.Join(", ", Horizons)}}]
        output:
          directory: out
        tracking:
          uri: ./mlruns
          experiment: weightfarcast-demo
        """ + "\n";
}
