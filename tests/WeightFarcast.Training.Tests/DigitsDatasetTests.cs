namespace WeightFarcast.Training.Tests;

public class DigitsDatasetTests
{
    private static readonly DigitsDataset Data = DigitsDataset.Embedded;

    [Fact]
    public void Embedded_csv_has_1797_rows_of_64_features_in_unit_range_and_10_classes()
    {
        Assert.Equal(1797, Data.RowCount);
        Assert.Equal(1797 * 64, Data.Features.Count);
        Assert.All(Data.Features, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(1f, Data.Features.Max());
        Assert.Equal(Enumerable.Range(0, 10), Data.Labels.Distinct().Order());
    }

    [Fact]
    public void First_row_matches_the_csv_divided_by_16()
    {
        // data/digits.csv row 1 starts 0,0,5,13,9,1 and is labelled 0.
        Assert.Equal([0f, 0f, 5 / 16f, 13 / 16f, 9 / 16f, 1 / 16f], Data.Features.Take(6));
        Assert.Equal(0, Data.Labels[0]);
    }

    [Fact]
    public void Split_is_1400_train_and_397_eval_disjoint_shuffled_and_fixed()
    {
        var train = Data.RowsOf(DigitsSplit.Train);
        var eval = Data.RowsOf(DigitsSplit.Eval);
        Assert.Equal(1400, train.Count);
        Assert.Equal(397, eval.Count);
        Assert.Equal(Enumerable.Range(0, 1797), train.Concat(eval).Order());
        Assert.NotEqual(Enumerable.Range(0, 1400), train);
        // Pinned so a change to the split (which would silently change every reported loss) fails here.
        Assert.Equal([1282, 463, 461, 161, 1623], train.Take(5));
        Assert.Equal([914, 1748, 286, 1014, 829], eval.Take(5));
        Assert.Equal(Enumerable.Range(0, 10), eval.Select(r => Data.Labels[r]).Distinct().Order());
    }

    [Fact]
    public void Select_copies_the_rows_of_a_split()
    {
        var eval = Data.Select(DigitsSplit.Eval);
        var firstRow = Data.RowsOf(DigitsSplit.Eval)[0];
        Assert.Equal(397, eval.Count);
        Assert.Equal(397 * 64, eval.Features.Length);
        Assert.Equal(Data.Features.Skip(firstRow * 64).Take(64), eval.Features.Take(64));
        Assert.Equal(Data.Labels[firstRow], eval.Labels[0]);
        Assert.Equal(1797, Data.Select(DigitsSplit.All).Count);
    }

    [Theory]
    [InlineData("p0,p1,label\n0,0,1\n", "header")]
    [InlineData(null, "line 2")]
    public void Csv_parser_rejects_malformed_input(string? text, string expectedInMessage)
    {
        text ??= string.Join(",", Enumerable.Range(0, 64).Select(i => $"p{i}")) + ",label\n"
            + string.Join(",", Enumerable.Repeat("17", 64)) + ",3\n";
        var error = Assert.Throws<InvalidDataException>(() => DigitsCsv.Parse(new StringReader(text)));
        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }
}
