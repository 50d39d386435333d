using System.Globalization;
using System.Text.Json;
using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Fitting;

/// <summary>
/// forecaster.safetensors: a small reusable artifact. Per group `&lt;group&gt;.coefficients` [inputs, horizons] and
/// `&lt;group&gt;.bias` [horizons] (F32), plus metadata: input/observed/horizon steps, inputs scheme, source, lambda, seed,
/// epochs, losses and the tool version, so `forecaster.load` can check it fits the job before using it. Nothing in it
/// depends on the clock (fit time is in report.json), so the same inputs and seed give a byte-identical file.
/// </summary>
public static class ForecasterArtifact
{
    public const string Kind = "weightfarcast.forecaster";

    public static void Save(ForecasterSet set, string path, JobPlan plan, ForecasterConfig config)
    {
        var any = set.Any;
        var tensors = new List<TensorInfo>();
        foreach (var (group, f) in set.Groups)
        {
            tensors.Add(new TensorInfo($"{group}.coefficients", DType.F32, f.InputCount, f.HorizonCount));
            tensors.Add(new TensorInfo($"{group}.bias", DType.F32, f.HorizonCount));
        }
        var metadata = new Dictionary<string, string>
        {
            ["weightfarcast.kind"] = Kind,
            ["weightfarcast.version"] = ToolInfo.Version,
            ["inputs"] = plan.Scheme.ToString(),
            ["source"] = config.Source,
            ["input_steps"] = JsonSerializer.Serialize(any.InputSteps),
            ["observed_step"] = any.ObservedStep.ToString(CultureInfo.InvariantCulture),
            ["horizon_steps"] = JsonSerializer.Serialize(any.HorizonSteps),
            ["groups"] = set.IsGlobal ? "global" : "tensor",
            ["lambda"] = any.Lambda.ToString("R", CultureInfo.InvariantCulture),
            ["regularizer_pairs"] = config.Regularizer.Pairs,
            ["seed"] = any.Seed.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = JsonSerializer.Serialize(set.Groups.ToDictionary(g => g.Key, g => g.Value.Epochs)),
            ["best_epoch"] = JsonSerializer.Serialize(set.Groups.ToDictionary(g => g.Key, g => g.Value.BestEpoch)),
            ["best_validation_l1"] = JsonSerializer.Serialize(set.Groups.ToDictionary(g => g.Key, g => g.Value.BestValidationLoss)),
            ["best_train_l1"] = JsonSerializer.Serialize(set.Groups.ToDictionary(g => g.Key, g => g.Value.BestTrainLoss)),
        };
        using var writer = new SafetensorsWriter(path, tensors, metadata);
        foreach (var (group, f) in set.Groups)
        {
            writer.WriteSingles($"{group}.coefficients", 0, f.Coefficients);
            writer.WriteSingles($"{group}.bias", 0, f.Bias);
        }
        writer.Commit();
    }

    /// <summary>Loads a saved forecaster and checks it was made for this job's steps and horizons.</summary>
    public static ForecasterSet Load(string path, JobPlan plan)
    {
        if (!File.Exists(path))
            throw new JobInputException($"forecaster.load: {path} does not exist", path, "forecaster.load");
        using var reader = CheckpointReader.Open(path);
        var meta = reader.Metadata;
        if (!meta.TryGetValue("weightfarcast.kind", out var kind) || kind != Kind)
            throw new CheckpointFormatException(path, "is not a WeightFarcast forecaster (no weightfarcast.kind metadata)");
        var inputSteps = Json<int[]>(meta, "input_steps", path);
        var horizons = Json<int[]>(meta, "horizon_steps", path);
        var observed = int.Parse(Meta(meta, "observed_step", path), CultureInfo.InvariantCulture);
        var epochs = Json<Dictionary<string, int>>(meta, "epochs", path);
        var best = Json<Dictionary<string, int>>(meta, "best_epoch", path);
        var validation = Json<Dictionary<string, double>>(meta, "best_validation_l1", path);
        var train = Json<Dictionary<string, double>>(meta, "best_train_l1", path);

        var problems = new List<string>();
        if (!inputSteps.SequenceEqual(plan.InputSteps))
            problems.Add($"it reads steps [{string.Join(", ", inputSteps)}] but this job's inputs are [{string.Join(", ", plan.InputSteps)}]");
        var missing = plan.Horizons.Except(horizons).ToList();
        if (missing.Count > 0)
            problems.Add($"it was fitted for horizons [{string.Join(", ", horizons)}], not {string.Join(", ", missing)}");
        if (problems.Count > 0)
            throw new ConfigException(new ConfigProblem("forecaster.load", $"forecaster.load: {path} does not fit this job: {string.Join("; ", problems)}"));

        var groups = new Dictionary<string, FittedForecaster>(StringComparer.Ordinal);
        foreach (var group in reader.Tensors.Where(t => t.Name.EndsWith(".coefficients", StringComparison.Ordinal)).Select(t => t.Name[..^".coefficients".Length]))
        {
            var coefficients = new float[reader[$"{group}.coefficients"].ElementCount];
            var bias = new float[reader[$"{group}.bias"].ElementCount];
            reader.ReadSingles($"{group}.coefficients", 0, coefficients);
            reader.ReadSingles($"{group}.bias", 0, bias);
            groups[group] = new FittedForecaster
            {
                InputSteps = inputSteps, ObservedStep = observed, HorizonSteps = horizons, Coefficients = coefficients, Bias = bias,
                Lambda = double.Parse(Meta(meta, "lambda", path), CultureInfo.InvariantCulture),
                Seed = ulong.Parse(Meta(meta, "seed", path), CultureInfo.InvariantCulture),
                Epochs = epochs.GetValueOrDefault(group), BestEpoch = best.GetValueOrDefault(group),
                BestValidationLoss = validation.GetValueOrDefault(group), BestTrainLoss = train.GetValueOrDefault(group),
            };
        }
        if (groups.Count == 0)
            throw new CheckpointFormatException(path, "holds no forecaster coefficients");
        return new ForecasterSet(groups, [], TimeSpan.Zero, path);
    }

    private static string Meta(IReadOnlyDictionary<string, string> meta, string key, string path) =>
        meta.TryGetValue(key, out var value) ? value : throw new CheckpointFormatException(path, $"forecaster metadata '{key}' is missing");

    private static T Json<T>(IReadOnlyDictionary<string, string> meta, string key, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Meta(meta, key, path)) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(path, $"forecaster metadata '{key}' is not valid: {e.Message}");
        }
    }
}
