namespace WeightFarcast.Forecasting.Tests;

public class FitDataTests
{
    // Row r belongs to run r / 2; input value = r, target = 10 r, first delta = r / 100.
    private static FitData Data(int rows) => new(
        [0, 20], 20, [30],
        Enumerable.Range(0, rows).SelectMany(r => new[] { (float)r, (float)r }).ToArray(),
        Enumerable.Range(0, rows).Select(r => 10f * r).ToArray(),
        Enumerable.Range(0, rows).Select(r => r / 2).ToArray(),
        Enumerable.Range(0, rows).Select(r => r / 100f).ToArray());

    [Fact]
    public void Selecting_rows_keeps_every_array_aligned()
    {
        var selected = Data(10).SelectRows([7, 2]);
        Assert.Equal([7f, 7f, 2f, 2f], selected.Inputs);
        Assert.Equal([70f, 20f], selected.Targets);
        Assert.Equal([3, 1], selected.RunIndex);
        Assert.Equal([0.07f, 0.02f], selected.FirstStepDelta!);
    }

    [Fact]
    public void Split_by_runs_separates_whole_runs()
    {
        var split = TrainValidationSplit.ByRuns(Data(10), run => run >= 3);
        Assert.Equal([0, 0, 1, 1, 2, 2], split.Train.RunIndex);
        Assert.Equal([3, 3, 4, 4], split.Validation.RunIndex);
    }

    [Fact]
    public void Split_by_row_fraction_is_seeded_disjoint_and_complete()
    {
        var data = Data(1000);
        var split = TrainValidationSplit.ByRowFraction(data, 0.1, seed: 7);
        Assert.Equal(100, split.Validation.Rows);
        Assert.Equal(900, split.Train.Rows);
        var trainRows = split.Train.Targets.Select(t => (int)(t / 10)).ToHashSet();
        var validationRows = split.Validation.Targets.Select(t => (int)(t / 10)).ToHashSet();
        Assert.Empty(trainRows.Intersect(validationRows));
        Assert.Equal(1000, trainRows.Union(validationRows).Count());
        Assert.Equal(split.Validation.Targets, TrainValidationSplit.ByRowFraction(data, 0.1, seed: 7).Validation.Targets);
        Assert.NotEqual(split.Validation.Targets, TrainValidationSplit.ByRowFraction(data, 0.1, seed: 8).Validation.Targets);
    }

    [Fact]
    public void Invalid_shapes_and_splits_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new FitData([0, 20], 20, [30], new float[3], new float[2], [0, 0]));
        Assert.Throws<ArgumentException>(() => new FitData([0, 20], 20, [20], new float[4], new float[2], [0, 0]));
        Assert.Throws<ArgumentException>(() => new FitData([0, 20], 20, [40, 30], new float[4], new float[4], [0, 0]));
        Assert.Throws<ArgumentException>(() => TrainValidationSplit.ByRuns(Data(4), _ => false));
    }

    [Fact]
    public void Run_batches_keep_runs_whole_and_cover_every_row_once()
    {
        int[] runs = [5, 5, 9, 9, 9, 2, 7];
        var plan = new BatchPlan(runs, BatchUnit.Runs, batchSize: 2);
        Assert.Equal(4, plan.GroupCount);
        Assert.Equal([1L, 1, 3, 3, 3, 0, 2], plan.GroupOfRow);
        var (order, ends) = plan.NextEpoch(new SeededRandom(1));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), order.Order());
        Assert.Equal(2, ends.Length);
        var start = 0;
        foreach (var end in ends)
        {
            var batchRuns = order[start..end].Select(r => runs[r]).ToArray();
            Assert.Equal(2, batchRuns.Distinct().Count());
            foreach (var run in batchRuns.Distinct())
                Assert.Equal(runs.Count(r => r == run), batchRuns.Count(r => r == run));
            start = end;
        }
    }

    [Fact]
    public void Row_batches_are_a_seeded_permutation_in_fixed_sizes()
    {
        var plan = new BatchPlan(new int[10], BatchUnit.Rows, batchSize: 4);
        var (order, ends) = plan.NextEpoch(new SeededRandom(1));
        Assert.Equal([4, 8, 10], ends);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), order.Order());
        Assert.Equal(order, plan.NextEpoch(new SeededRandom(1)).Order);
    }
}
