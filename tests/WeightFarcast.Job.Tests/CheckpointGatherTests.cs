using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Sampling;

namespace WeightFarcast.Job.Tests;

/// <summary>Sampling opens each checkpoint once per run, however many tensor groups read from it, and keeps only one
/// run's checkpoints open at a time.</summary>
public class CheckpointGatherTests
{
    [Fact]
    public void Per_tensor_sampling_opens_each_reference_checkpoint_once_for_all_groups_one_run_at_a_time()
    {
        using var kit = new JobTestKit();
        var plan = JobPlanner.Plan(ConfigPipeline.Load(kit.WriteConfig("forecaster: { groups: tensor }"), _ => null).Config);
        var steps = RowSteps.ForReferences(plan);
        var stepsRead = steps.SourceInputs.Concat(steps.SourceTargets).Append(plan.InitialStep)
            .Concat(steps.FirstStep is { } first ? [first] : []).Distinct().Count();

        using var gather = new CheckpointGather();
        var data = ReferenceSampler.Sample(plan, plan.References, steps, 20_000, perTensor: true, seed: 0, CancellationToken.None, gather);

        Assert.True(data.Count >= 4, $"{data.Count} tensor groups"); // the digits MLP: 3 weights and 3 biases
        Assert.True(plan.References.Count >= 2, $"{plan.References.Count} references");
        Assert.Equal(plan.References.Count * stepsRead, gather.OpenedCount); // each run's checkpoints opened once
        Assert.Equal(stepsRead, gather.PeakOpenCount); // never more than one run's checkpoints open
    }

    [Fact]
    public void A_shared_gather_keeps_the_same_runs_readers_across_passes_and_closes_them_for_another_run()
    {
        using var kit = new JobTestKit();
        var plan = JobPlanner.Plan(ConfigPipeline.Load(kit.WriteConfig(), _ => null).Config);
        var steps = RowSteps.ForReferences(plan);
        var stepsRead = steps.SourceInputs.Concat(steps.SourceTargets).Append(plan.InitialStep)
            .Concat(steps.FirstStep is { } first ? [first] : []).Distinct().Count();
        var run = plan.References[0];

        using var gather = new CheckpointGather();
        ReferenceSampler.Sample(plan, [run], steps, 1_000, perTensor: false, seed: 0, CancellationToken.None, gather);
        ReferenceSampler.Sample(plan, [run], steps, 1_000, perTensor: false, seed: 1, CancellationToken.None, gather);
        Assert.Equal(stepsRead, gather.OpenedCount); // the same run again: its readers were kept

        ReferenceSampler.Sample(plan, plan.References, steps, 1_000, perTensor: false, seed: 2, CancellationToken.None, gather);
        Assert.Equal(stepsRead, gather.PeakOpenCount);
        Assert.Equal(stepsRead, gather.OpenCount); // only the last run's readers are left for the caller
    }

    [Fact]
    public void A_shared_gather_gives_the_same_rows_as_a_private_one()
    {
        using var kit = new JobTestKit();
        var plan = JobPlanner.Plan(ConfigPipeline.Load(kit.WriteConfig(), _ => null).Config);
        var steps = RowSteps.ForReferences(plan);

        var own = ReferenceSampler.Sample(plan, plan.References, steps, 5_000, perTensor: false, seed: 3, CancellationToken.None);
        using var gather = new CheckpointGather();
        ReferenceSampler.Sample(plan, plan.References, steps, 1_000, perTensor: false, seed: 9, CancellationToken.None, gather); // warms the readers
        var shared = ReferenceSampler.Sample(plan, plan.References, steps, 5_000, perTensor: false, seed: 3, CancellationToken.None, gather);

        var (a, b) = (own[ReferenceSampler.GlobalGroup], shared[ReferenceSampler.GlobalGroup]);
        Assert.Equal(a.Inputs, b.Inputs);
        Assert.Equal(a.Targets, b.Targets);
        Assert.Equal(a.RunIndex, b.RunIndex);
        Assert.Equal(a.FirstStepDelta, b.FirstStepDelta);
    }
}
