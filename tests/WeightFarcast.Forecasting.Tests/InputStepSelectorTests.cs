namespace WeightFarcast.Forecasting.Tests;

public class InputStepSelectorTests
{
    private static readonly int[] ZeroToTwenty = Enumerable.Range(0, 21).ToArray();

    [Theory]
    [InlineData(InputScheme.Lfd2, new[] { 0, 20 })]
    [InlineData(InputScheme.Lfl, new[] { 20 })]
    [InlineData(InputScheme.Lfs, new[] { 0, 6, 10, 15 })]
    [InlineData(InputScheme.Introspection, new[] { 0, 8, 14, 20 })]
    public void Paper_schemes_pick_the_papers_steps_for_n_20(InputScheme scheme, int[] expected) =>
        Assert.Equal(expected, InputStepSelector.SelectSteps(scheme, ZeroToTwenty));

    [Fact]
    public void Full_history_takes_every_available_step() =>
        Assert.Equal(ZeroToTwenty, InputStepSelector.SelectSteps(InputScheme.Lfn, ZeroToTwenty));

    [Fact]
    public void Fractions_snap_to_the_nearest_sparse_checkpoint()
    {
        // Checkpoints every 100 steps from 1000 to 3000: 0.4 → 1800, 0.7 → 2400.
        var steps = Enumerable.Range(0, 21).Select(i => 1000 + 100 * i).ToArray();
        Assert.Equal([1000, 1800, 2400, 3000], InputStepSelector.SelectSteps(InputScheme.Introspection, steps));
        Assert.Equal([1000, 3000], InputStepSelector.SelectSteps(InputScheme.Lfd2, steps.Reverse().ToArray()));
        Assert.Equal([0, 50], InputStepSelector.SelectSteps(InputScheme.Lfs, [0, 50, 100])); // 0.3 → 50; 0.75 ties 50 and 100 → earlier
    }

    [Fact]
    public void Two_point_schemes_need_two_steps()
    {
        Assert.Throws<ArgumentException>(() => InputStepSelector.SelectSteps(InputScheme.Lfd2, [5]));
        Assert.Equal([5], InputStepSelector.SelectSteps(InputScheme.Lfl, [5]));
    }
}
