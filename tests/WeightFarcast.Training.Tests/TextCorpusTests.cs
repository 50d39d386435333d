namespace WeightFarcast.Training.Tests;

public class TextCorpusTests
{
    [Fact]
    public void Vocabulary_is_newline_and_printable_ascii_and_round_trips()
    {
        Assert.Equal(96, CharVocabulary.Size);
        Assert.Equal(0, CharVocabulary.TokenOf('\n'));
        Assert.Equal(1, CharVocabulary.TokenOf(' '));
        Assert.Equal(95, CharVocabulary.TokenOf('~'));
        const string text = "ABASEMENT, n.  A decent\n~";
        Assert.Equal(text, CharVocabulary.Decode(CharVocabulary.Encode(text, "test")));
        var error = Assert.Throws<InvalidDataException>(() => CharVocabulary.Encode("ok\u2019", "sample"));
        Assert.Contains("U+2019 at offset 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_texts_load_with_their_documented_sizes_and_openings()
    {
        var devil = TextCorpus.DevilsDictionary;
        var genesis = TextCorpus.Genesis;
        Assert.Equal(355160, devil.Tokens.Count);
        Assert.Equal(187515, genesis.Tokens.Count);
        Assert.StartsWith("The Internet Wiretap 1st Online Edition", CharVocabulary.Decode(devil.Tokens.Take(60)), StringComparison.Ordinal);
        Assert.Contains("In the beginning, God created the heavens and the earth.", CharVocabulary.Decode(genesis.Tokens.Take(200)), StringComparison.Ordinal);
    }

    [Fact]
    public void Split_is_the_first_90_percent_for_training_and_the_rest_held_out()
    {
        var corpus = new TextCorpus("tiny", "abcdefghij\n");
        Assert.Equal(9, corpus.TrainCount);
        Assert.Equal("abcdefghi", CharVocabulary.Decode(corpus.Select(DigitsSplit.Train)));
        Assert.Equal("j\n", CharVocabulary.Decode(corpus.Select(DigitsSplit.Eval)));
        Assert.Equal(11, corpus.Select(DigitsSplit.All).Length);
    }

    [Fact]
    public void Train_batches_are_windows_of_the_training_split_with_targets_shifted_by_one()
    {
        TorchRuntime.TorchEnvironment.EnsureLoaded();
        var text = string.Concat(Enumerable.Range(0, 50).Select(i => (char)('a' + i % 26)));
        using var batches = new TextTrainBatches(CharVocabulary.Encode(text, "letters"), batchSize: 3, context: 8, seed: 1);
        var (inputs, targets) = batches.Next();
        Assert.Equal([3L, 8L], inputs.shape);
        var x = inputs.data<long>().ToArray();
        var y = targets.data<long>().ToArray();
        for (var i = 0; i < x.Length; i++)
            Assert.Equal(CharVocabulary.TokenOf((char)('a' + (CharVocabulary.CharOf((int)x[i]) - 'a' + 1) % 26)), y[i]);
    }
}
