using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Trajectories;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Configuration;

namespace WeightFarcast.Job.Planning;

/// <summary>The semantic checks that need the file system, run before any heavy work. Every missing step is
/// reported with the run and config field that asked for it; every tensor mismatch is listed, not just the first.</summary>
public static class JobPlanner
{
    public static JobPlan Plan(FarcastConfig config)
    {
        var target = Discover(config.Target.Checkpoints, "target.checkpoints");
        var observed = ToStep(config.Target.ObservedStep ?? target.Steps[^1], "target.observed_step");
        var initial = ToStep(config.Target.InitialStep, "target.initial_step");
        Require(target, initial, "target.initial_step");
        Require(target, observed, "target.observed_step");
        if (observed <= initial)
            throw new ConfigException(new ConfigProblem("target.observed_step", $"target.observed_step ({observed}) must be > target.initial_step ({initial})"));

        var horizons = config.Horizons.Select(h => ToStep(h, "horizons")).Order().ToList();
        var tooEarly = horizons.Where(h => h <= observed).ToList();
        if (tooEarly.Count > 0)
            throw new ConfigException(new ConfigProblem("horizons", $"horizons {string.Join(", ", tooEarly)} must be > the observed step {observed}"));

        var scheme = InputSchemes.FromConfig(config.Forecaster.Inputs);
        var observedWindow = target.Steps.Where(s => s >= initial && s <= observed).ToList();
        var inputSteps = InputStepSelector.SelectSteps(scheme, observedWindow);

        var fitting = string.IsNullOrWhiteSpace(config.Forecaster.Load);
        var self = fitting && config.Forecaster.Source == ForecasterConfig.FromSelf;
        var references = fitting && !self
            ? config.Reference.Select((r, i) => Discover(r, $"reference[{i}]")).ToList()
            : [];
        // The regularizer compares against the first recorded step after w_0 of each reference run.
        int? firstStep = null;
        for (var i = 0; i < references.Count; i++)
        {
            foreach (var step in inputSteps.Concat(horizons))
                Require(references[i], step, $"reference[{i}]");
            var after = references[i].Steps.Where(s => s > initial).DefaultIfEmpty(-1).Min();
            if (after > 0)
                firstStep = firstStep is null ? after : Math.Max(firstStep.Value, after);
        }
        if (firstStep is { } s1 && references.Any(r => !r.Has(s1)))
            firstStep = null; // no common step: the regularizer is skipped and the report says so

        var selfFits = self ? SelfFits(target, initial, observed, horizons) : [];
        var tensors = CheckArchitectures(target, initial, observed, references);
        return new JobPlan(target, scheme, inputSteps, initial, observed, horizons, references, firstStep, tensors.Tensors, tensors.Format) { SelfFits = selfFits };
    }

    // forecaster.source: self needs, for every horizon, the target's checkpoint at the rescaled step m. Every bad horizon
    // is reported at once: first those whose m is not a whole step (config), then those whose checkpoint is missing.
    private static List<SelfSimilarFit> SelfFits(RunCheckpoints target, int initial, int observed, IReadOnlyList<int> horizons)
    {
        var problems = horizons.Where(h => SelfSimilarFit.For(initial, observed, h) is null).Select(horizon => new ConfigProblem("horizons",
            $"horizons: {horizon} cannot be fitted with forecaster.source: self: it needs the target's step {initial} + ({observed} - {initial})^2 / ({horizon} - {initial}) = "
            + $"{initial + (double)SelfSimilarFit.Square(initial, observed) / (horizon - (long)initial):0.##}, not a whole step "
            + $"(use horizons H where H - {initial} divides {SelfSimilarFit.Square(initial, observed)})")).ToList();
        if (problems.Count > 0)
            throw new ConfigException(problems);

        var fits = horizons.Select(h => SelfSimilarFit.For(initial, observed, h)!).ToList();
        var missing = fits.Where(f => !target.Has(f.RescaledStep)).ToList();
        if (missing.Count > 0)
        {
            throw new JobInputException(string.Join(Environment.NewLine, missing.Select(f =>
                $"{Missing(target, f.RescaledStep, "target.checkpoints")}; forecaster.source: self needs it "
                + $"for horizon {f.Horizon}: (w_{initial}, w_{f.RescaledStep}) -> w_{observed} stands in for (w_{initial}, w_{observed}) -> w_{f.Horizon}")),
                target.Spec, "target.checkpoints");
        }
        return fits;
    }

    private static (IReadOnlyList<TensorInfo> Tensors, CheckpointFormat Format) CheckArchitectures(
        RunCheckpoints target, int initial, int observed, IReadOnlyList<RunCheckpoints> references)
    {
        using var baseline = CheckpointReader.Open(target.PathFor(observed));
        var mismatches = new List<CheckpointMismatch>();
        var others = new List<string> { target.PathFor(initial) };
        others.AddRange(references.Select(r => r.PathFor(r.Steps[0])));
        foreach (var path in others)
        {
            using var other = CheckpointReader.Open(path);
            mismatches.AddRange(CheckpointCompatibility.Compare(baseline, other));
        }
        if (mismatches.Count > 0)
            throw new CheckpointMismatchException(baseline.Path, mismatches);
        return (baseline.Tensors, baseline.Format);
    }

    private static RunCheckpoints Discover(string spec, string field)
    {
        Trajectory trajectory;
        try
        {
            trajectory = Trajectory.Discover(spec);
        }
        catch (CheckpointException e)
        {
            throw new JobInputException($"{field}: {e.Message}", spec, field);
        }
        var steps = trajectory.Steps.Select(s => ToStep(s, field)).ToList();
        if (steps.Count == 0)
            throw new JobInputException($"{field}: no checkpoints match {spec}", spec, field);
        return new RunCheckpoints(spec, steps, step => trajectory.PathFor(step));
    }

    private static void Require(RunCheckpoints run, int step, string field)
    {
        if (!run.Has(step))
            throw new JobInputException(Missing(run, step, field), run.Spec, field);
    }

    private static string Missing(RunCheckpoints run, int step, string field) =>
        $"{field}: step {step} is missing from {run.Spec} (found steps {Describe(run.Steps)})";

    private static string Describe(IReadOnlyList<int> steps) =>
        steps.Count <= 12 ? string.Join(", ", steps) : $"{string.Join(", ", steps.Take(6))}, ..., {string.Join(", ", steps.TakeLast(3))}";

    private static int ToStep(long step, string field) =>
        step is >= 0 and <= int.MaxValue ? (int)step
            : throw new ConfigException(new ConfigProblem(field, $"{field}: step {step} is out of range (0 to {int.MaxValue})"));
}
