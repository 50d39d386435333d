using WeightFarcast.Job.Configuration;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Sampling;

namespace WeightFarcast.Job.Tests;

/// <summary>Sampling opens each checkpoint once per pass, however many tensor groups read from it.</summary>
public class CheckpointGatherTests
{
    [Fact]
    public void Per_tensor_sampling_opens_each_reference_checkpoint_once_for_all_groups()
    {
        using var kit = new JobTestKit();
        var plan = JobPlanner.Plan(ConfigPipeline.Load(kit.WriteConfig("forecaster: { groups: tensor }"), _ => null).Config);
        var steps = RowSteps.ForReferences(plan);
        var stepsRead = steps.SourceInputs.Concat(steps.SourceTargets).Append(plan.InitialStep)
            .Concat(steps.FirstStep is { } first ? [first] : []).Distinct().Count();

        using var gather = new CheckpointGather();
        var data = ReferenceSampler.Sample(plan, plan.References, steps, 20_000, perTensor: true, seed: 0, CancellationToken.None, gather);

        Assert.True(data.Count >= 4, $"{data.Count} tensor groups"); // the digits MLP: 3 weights and 3 biases
        Assert.Equal(plan.References.Count * stepsRead, gather.OpenedCount);
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
