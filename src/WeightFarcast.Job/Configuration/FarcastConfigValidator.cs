using FluentValidation;

namespace WeightFarcast.Job.Configuration;

/// <summary>Static rules on a configuration: every problem is reported at once with its dotted path.
/// Checks that need the file system (paths and steps exist, architectures match) run in the job's planning step.</summary>
public sealed class FarcastConfigValidator : AbstractValidator<FarcastConfig>
{
    public static readonly string[] InputChoices = ["initial", "observed", "sampled4", "introspection", "history"];
    public static readonly string[] SourceChoices = [ForecasterConfig.FromReferences, ForecasterConfig.FromSelf];
    public static readonly string[] GroupChoices = ["global", "tensor"];
    public static readonly string[] PairChoices = ["last", "all"];
    public static readonly string[] InitChoices = [OptimizerConfig.InitPersistence, OptimizerConfig.InitUniform];
    public static readonly string[] DtypeChoices = ["same", "f32", "f16", "bf16"];
    public static readonly string[] NanPolicyChoices = ["fail", "carry"];
    public static readonly string[] OnFailureChoices = ["fail", "fallback"];

    public FarcastConfigValidator()
    {
        RuleFor(c => c.Version).Equal(1).OverridePropertyName("version").WithMessage("version must be 1 (the only format version)");
        RuleFor(c => c.Target.Checkpoints).NotEmpty().OverridePropertyName("target.checkpoints")
            .WithMessage("target.checkpoints is required: a pattern with {step} or a folder of checkpoint-<step>/ directories");
        RuleFor(c => c.Target.InitialStep).GreaterThanOrEqualTo(0).OverridePropertyName("target.initial_step")
            .WithMessage("target.initial_step must be >= 0");
        RuleFor(c => c.Target.ObservedStep).Must((c, observed) => observed is null || observed > c.Target.InitialStep)
            .OverridePropertyName("target.observed_step").WithMessage("target.observed_step must be > target.initial_step");
        RuleFor(c => c.Reference).NotEmpty().When(c => string.IsNullOrWhiteSpace(c.Forecaster.Load) && !IsSelf(c))
            .OverridePropertyName("reference").WithMessage("reference needs at least one run (or set forecaster.load, or forecaster.source: self)");
        // Rejected rather than ignored: a user who lists references with self most likely expects them to be used.
        RuleFor(c => c.Reference).Empty().When(IsSelf)
            .OverridePropertyName("reference").WithMessage("forecaster.source: self learns from the target; remove reference");
        RuleForEach(c => c.Reference).NotEmpty().OverridePropertyName("reference").WithMessage("reference entries must not be empty");

        RuleFor(c => c.Horizons).NotEmpty().OverridePropertyName("horizons").WithMessage("horizons needs at least one step to predict");
        RuleFor(c => c.Horizons).Must(h => h.Distinct().Count() == h.Count).OverridePropertyName("horizons")
            .WithMessage("horizons must not repeat a step");
        RuleForEach(c => c.Horizons).Must((c, h) => c.Target.ObservedStep is null || h > c.Target.ObservedStep)
            .OverridePropertyName("horizons").WithMessage((c, h) => $"horizons: {h} must be > target.observed_step ({c.Target.ObservedStep})");

        RuleForEach(c => c.Forecaster.Inputs).Must(i => InputChoices.Contains(i)).OverridePropertyName("forecaster.inputs")
            .WithMessage((_, i) => $"forecaster.inputs: '{i}' is not one of {string.Join(", ", InputChoices)}");
        RuleFor(c => c.Forecaster.Inputs).Must(ValidInputCombination).OverridePropertyName("forecaster.inputs")
            .WithMessage("forecaster.inputs must be [initial, observed], [observed], [sampled4], [introspection] or [history]");
        RuleFor(c => c.Forecaster.Source).Must(s => SourceChoices.Contains(s)).OverridePropertyName("forecaster.source")
            .WithMessage(c => $"forecaster.source: '{c.Forecaster.Source}' is not one of {string.Join(", ", SourceChoices)}");
        // The self-similar rows are (w_s0, w_m) -> w_n: they stand in for (w_s0, w_n) -> w_H only with these two inputs.
        RuleFor(c => c.Forecaster.Inputs).Must(IsLfd2).When(IsSelf).OverridePropertyName("forecaster.inputs")
            .WithMessage("forecaster.inputs must be [initial, observed] with forecaster.source: self");
        RuleFor(c => c.Forecaster.Groups).Must(g => GroupChoices.Contains(g)).OverridePropertyName("forecaster.groups")
            .WithMessage(c => $"forecaster.groups: '{c.Forecaster.Groups}' is not one of {string.Join(", ", GroupChoices)}");
        RuleFor(c => c.Forecaster.Loss).Equal("l1").OverridePropertyName("forecaster.loss").WithMessage("forecaster.loss must be l1 (the paper's loss)");
        RuleFor(c => c.Forecaster.Regularizer.Lambda).GreaterThanOrEqualTo(0).OverridePropertyName("forecaster.regularizer.lambda")
            .WithMessage("forecaster.regularizer.lambda must be >= 0");
        RuleFor(c => c.Forecaster.Regularizer.Pairs).Must(p => PairChoices.Contains(p)).OverridePropertyName("forecaster.regularizer.pairs")
            .WithMessage("forecaster.regularizer.pairs must be last or all");
        RuleFor(c => c.Forecaster.Sample).GreaterThan(0).OverridePropertyName("forecaster.sample").WithMessage("forecaster.sample must be > 0");
        RuleFor(c => c.Forecaster.Optimizer.LearningRate).GreaterThan(0).OverridePropertyName("forecaster.optimizer.learning_rate")
            .WithMessage("forecaster.optimizer.learning_rate must be > 0");
        RuleFor(c => c.Forecaster.Optimizer.BatchSize).GreaterThan(0).OverridePropertyName("forecaster.optimizer.batch_size")
            .WithMessage("forecaster.optimizer.batch_size must be > 0");
        RuleFor(c => c.Forecaster.Optimizer.MaxEpochs).GreaterThan(0).OverridePropertyName("forecaster.optimizer.max_epochs")
            .WithMessage("forecaster.optimizer.max_epochs must be > 0");
        RuleFor(c => c.Forecaster.Optimizer.Patience).GreaterThan(0).OverridePropertyName("forecaster.optimizer.patience")
            .WithMessage("forecaster.optimizer.patience must be > 0");
        RuleFor(c => c.Forecaster.Optimizer.Init).Must(i => InitChoices.Contains(i)).OverridePropertyName("forecaster.optimizer.init")
            .WithMessage(c => $"forecaster.optimizer.init: '{c.Forecaster.Optimizer.Init}' is not one of {string.Join(", ", InitChoices)}");
        RuleFor(c => c.Forecaster.ValidationFraction).ExclusiveBetween(0, 1).OverridePropertyName("forecaster.validation_fraction")
            .WithMessage("forecaster.validation_fraction must be between 0 and 1 (exclusive)");

        RuleFor(c => c.Output.Directory).NotEmpty().OverridePropertyName("output.directory").WithMessage("output.directory is required");
        RuleFor(c => c.Output.Dtype).Must(d => DtypeChoices.Contains(d)).OverridePropertyName("output.dtype")
            .WithMessage(c => $"output.dtype: '{c.Output.Dtype}' is not one of {string.Join(", ", DtypeChoices)}");
        RuleFor(c => c.Device).Must(d => TorchRuntime.DeviceSpec.TryParse(d, out _)).OverridePropertyName("device")
            .WithMessage(c => $"device: '{c.Device}' is not one of auto, cpu, cuda, cuda:N");
        RuleFor(c => c.NanPolicy).Must(p => NanPolicyChoices.Contains(p)).OverridePropertyName("nan_policy")
            .WithMessage("nan_policy must be fail or carry");

        RuleFor(c => c.Tracking.Uri).NotEmpty().OverridePropertyName("tracking.uri").WithMessage("tracking.uri is required (use none to turn tracking off)");
        RuleFor(c => c.Tracking.Experiment).NotEmpty().MaximumLength(500).OverridePropertyName("tracking.experiment")
            .WithMessage("tracking.experiment must be 1 to 500 characters");
        RuleFor(c => c.Tracking.OnFailure).Must(p => OnFailureChoices.Contains(p)).OverridePropertyName("tracking.on_failure")
            .WithMessage("tracking.on_failure must be fail or fallback");
        RuleFor(c => c.Tracking.TimeoutSeconds).GreaterThan(0).OverridePropertyName("tracking.timeout_seconds")
            .WithMessage("tracking.timeout_seconds must be > 0");
        RuleFor(c => c.Acceptance.Command).Must(c => c is null || c.Contains("{checkpoint}", StringComparison.Ordinal))
            .OverridePropertyName("acceptance.command").WithMessage("acceptance.command must contain {checkpoint} (replaced by the path of the checkpoint to evaluate)");
        RuleFor(c => c.Acceptance.Rule).Equal("not-worse-than-observed").OverridePropertyName("acceptance.rule")
            .WithMessage("acceptance.rule must be not-worse-than-observed");
        RuleFor(c => c.Acceptance.TimeoutSeconds).GreaterThan(0).OverridePropertyName("acceptance.timeout_seconds")
            .WithMessage("acceptance.timeout_seconds must be > 0");
        RuleFor(c => c.Tracking.MaxRetries).InclusiveBetween(0, 10).OverridePropertyName("tracking.max_retries")
            .WithMessage("tracking.max_retries must be between 0 and 10");
    }

    private static bool ValidInputCombination(List<string> inputs) =>
        IsLfd2(inputs) || (inputs.Count == 1 && inputs[0] is "observed" or "sampled4" or "introspection" or "history");

    private static bool IsLfd2(List<string> inputs) => inputs.Count == 2 && inputs.ToHashSet().SetEquals(["initial", "observed"]);

    private static bool IsSelf(FarcastConfig config) => config.Forecaster.Source == ForecasterConfig.FromSelf;

    /// <summary>Validates and throws one <see cref="ConfigException"/> listing every problem, each with its YAML line.</summary>
    public static void ValidateOrThrow(LoadedConfig loaded)
    {
        var result = new FarcastConfigValidator().Validate(loaded.Config);
        if (result.IsValid)
            return;
        var problems = result.Errors
            .Select(e =>
            {
                var at = loaded.Locations.Find(e.PropertyName);
                return new ConfigProblem(e.PropertyName, e.ErrorMessage, loaded.FilePath, at?.Line, at?.Column);
            })
            .ToList();
        throw new ConfigException(problems);
    }
}
