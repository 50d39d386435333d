using WeightFarcast.Job.Configuration;
using WeightFarcast.Tests.Shared;

namespace WeightFarcast.Job.Tests;

public class ConfigurationTests
{
    // The issue's sample, verbatim: it must parse as written.
    private const string IssueSample = """
        version: 1
        target:                                   # the run to farcast
          checkpoints: runs/target/step-{step}.safetensors
          initial_step: 0                         # w_0
          observed_step: 200                      # w_n
        reference:                                # runs the forecaster learns from (same architecture)
          - runs/seed-11/step-{step}.safetensors
          - runs/seed-12/step-{step}.safetensors
        forecaster:
          inputs: [initial, observed]             # the paper's LFD-2
          groups: global                          # global (as in the paper) | tensor
          loss: l1
          regularizer: { lambda: 1.0e-6, pairs: last }
          sample: 200000                          # coordinates sampled per reference run
          optimizer: { learning_rate: 0.004, batch_size: 32, max_epochs: 10000, patience: 5 }
          validation_fraction: 0.25
          seed: 0
          load: null                              # a saved forecaster: skip fitting
        horizons: [400, 1000, 2000]               # absolute steps to predict
        output:
          directory: out/farcast
          dtype: same                             # same | f32 | f16 | bf16
        backtest: true                            # compare with target checkpoints at horizon steps that exist
        device: auto                              # auto | cpu | cuda | cuda:N
        tracking:
          uri: ./mlruns                           # folder (embedded MLflow file store) or http(s)://...
          experiment: weight-farcast
          run_name: null
        """;

    [Fact]
    public void The_documented_sample_parses_and_validates()
    {
        var loaded = ConfigLoader.Parse(IssueSample, "farcast.yaml");
        FarcastConfigValidator.ValidateOrThrow(loaded);
        var c = loaded.Config;
        Assert.Equal(200, c.Target.ObservedStep);
        Assert.Equal(["runs/seed-11/step-{step}.safetensors", "runs/seed-12/step-{step}.safetensors"], c.Reference);
        Assert.Equal(1e-6, c.Forecaster.Regularizer.Lambda);
        Assert.Equal(32, c.Forecaster.Optimizer.BatchSize);
        Assert.Equal([400L, 1000L, 2000L], c.Horizons);
        Assert.Null(c.Forecaster.Load);
        Assert.Null(c.Tracking.RunName);
    }

    [Fact]
    public void A_five_line_config_gets_every_default()
    {
        var loaded = ConfigLoader.Parse("""
            target:
              checkpoints: runs/t/step-{step}.safetensors
            reference: ['runs/r/step-{step}.safetensors']
            horizons: [400]
            """);
        FarcastConfigValidator.ValidateOrThrow(loaded);
        var c = loaded.Config;
        Assert.Equal(0.004, c.Forecaster.Optimizer.LearningRate);
        Assert.Equal(5, c.Forecaster.Optimizer.Patience);
        Assert.Equal(["initial", "observed"], c.Forecaster.Inputs);
        Assert.Equal("./mlruns", c.Tracking.Uri);
        Assert.Equal("same", c.Output.Dtype);
        Assert.Null(c.Target.ObservedStep);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path_and_line()
    {
        var loaded = ConfigLoader.Parse("""
            version: 1
            target:
              checkpoints: runs/t/step-{step}.safetensors
              observed_step: 200
            reference: [a]
            horizons: [100, 300]
            forecaster:
              optimizer: { patience: 0, learning_rate: 0.01, init: zeros }
              validation_fraction: 1.5
            output: { dtype: f64 }
            """, "job.yaml");

        var error = Assert.Throws<ConfigException>(() => FarcastConfigValidator.ValidateOrThrow(loaded));

        Assert.Contains(error.Problems, p => p.Message == "forecaster.optimizer.patience must be > 0" && p.Line == 8 && p.File == "job.yaml");
        Assert.Contains(error.Problems, p => p.Path == "forecaster.validation_fraction" && p.Line == 9);
        Assert.Contains(error.Problems, p => p.Path == "output.dtype" && p.Message.Contains("f64", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "horizons[0]" && p.Line == 6 && p.Message.Contains("100 must be > target.observed_step (200)", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "forecaster.optimizer.init" && p.Line == 8
            && p.Message == "forecaster.optimizer.init: 'zeros' is not one of persistence, uniform");
        Assert.Equal(5, error.Problems.Count);
    }

    [Theory]
    [InlineData("target:\n  checkpoints: x\n  bogus: 3\n", 3)]
    [InlineData("target:\n  checkpoints: [unclosed\n", 2)]
    [InlineData("horizons: [1, two]\n", 1)]
    public void Yaml_errors_carry_their_line(string yaml, int line)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "c.yaml"));
        Assert.Equal(line, error.Problems.Single().Line);
        Assert.Equal("c.yaml", error.Problems.Single().File);
    }

    [Fact]
    public void Environment_overrides_and_relative_paths()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "farcast.yaml");
            File.WriteAllText(path, "target: { checkpoints: 'runs/t/step-{step}.safetensors' }\nreference: ['../r/step-{step}.safetensors']\nhorizons: [10]\n");
            var env = new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = "https://user:s3cret@mlflow.example/", ["WEIGHTFARCAST_DEVICE"] = "cpu" };

            var settings = ConfigPipeline.Load(path, env.GetValueOrDefault);

            Assert.Equal(Path.Combine(folder, "runs", "t", "step-{step}.safetensors"), settings.Config.Target.Checkpoints);
            Assert.Equal(Path.GetFullPath(Path.Combine(folder, "..", "r", "step-{step}.safetensors")), settings.Config.Reference[0]);
            Assert.Equal(Path.Combine(folder, "out", "farcast"), settings.Config.Output.Directory);
            Assert.Equal("cpu", settings.Config.Device);
            Assert.Equal("MLFLOW_TRACKING_URI", settings.Overrides["tracking.uri"]);
            var shown = EffectiveConfig.ToYaml(settings.Config);
            Assert.DoesNotContain("s3cret", shown, StringComparison.Ordinal);
            Assert.Contains("https://***@mlflow.example/", shown, StringComparison.Ordinal);
            Assert.DoesNotContain(EffectiveConfig.Flatten(settings.Config).Values, v => v.Contains("s3cret", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Theory]
    [InlineData("https://mlflow.example/?token=abc123&x=1", "https://mlflow.example/?token=***&x=1")]
    [InlineData("http://u:p@h:5000", "http://***@h:5000")]
    [InlineData("./mlruns", "./mlruns")]
    public void Uris_are_redacted(string uri, string expected) => Assert.Equal(expected, EffectiveConfig.UriRedactor.Redact(uri));

    [Fact]
    public void Flattened_params_use_dotted_snake_case_keys()
    {
        var flat = EffectiveConfig.Flatten(ConfigTemplate.Sample());
        Assert.Equal("1E-06", flat["forecaster.regularizer.lambda"]);
        Assert.Equal("[400,1000,2000]", flat["horizons"]);
        Assert.Equal("200", flat["target.observed_step"]);
        Assert.Equal("true", flat["backtest"]);
    }

    [Fact]
    public void Init_template_parses_back_to_the_sample_with_all_defaults()
    {
        var text = ConfigTemplate.Render(ConfigTemplate.Sample());
        Assert.StartsWith("# yaml-language-server: $schema=./farcast.schema.json", text, StringComparison.Ordinal);
        var parsed = ConfigLoader.Parse(text).Config;
        FarcastConfigValidator.ValidateOrThrow(new LoadedConfig(parsed, null, YamlKeyLocations.Parse(text)));
        Assert.Equal(EffectiveConfig.Flatten(ConfigTemplate.Sample()), EffectiveConfig.Flatten(parsed));
        Assert.Contains("# Adam learning rate.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Committed_schema_is_up_to_date()
    {
        var committed = File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", "farcast.schema.json"));
        Assert.True(committed == ConfigSchema.Generate(),
            "schemas/farcast.schema.json is out of date: run `dotnet run --project src/WeightFarcast.Cli -- schema --out schemas/farcast.schema.json`");
    }

    [Fact]
    public void Schema_describes_keys_and_refuses_unknown_ones()
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(ConfigSchema.Generate())!;
        var optimizer = schema["properties"]!["forecaster"]!["properties"]!["optimizer"]!;
        Assert.Equal("Adam learning rate.", (string?)optimizer["properties"]!["learning_rate"]!["description"]);
        Assert.False((bool)optimizer["additionalProperties"]!);
        Assert.Equal(["target", "horizons"], schema["required"]!.AsArray().Select(n => (string)n!));
    }
}
