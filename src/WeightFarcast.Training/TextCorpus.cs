namespace WeightFarcast.Training;

/// <summary>
/// A public-domain text that ships inside the tool (see data/README.md), as character tokens.
/// Split (a constant of the tool): the first <see cref="TrainFraction"/> of the characters are the training
/// split, the rest the held-out split; contiguous, so held-out windows never overlap training windows.
/// </summary>
public sealed class TextCorpus
{
    public const double TrainFraction = 0.9;

    private static readonly Lazy<TextCorpus> s_devilsDictionary = new(() => LoadEmbedded("devils-dictionary"));
    private static readonly Lazy<TextCorpus> s_genesis = new(() => LoadEmbedded("web-genesis"));

    public TextCorpus(string name, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Tokens = CharVocabulary.Encode(text, name);
        TrainCount = (int)(Tokens.Count * TrainFraction);
    }

    /// <summary>Ambrose Bierce, The Devil's Dictionary (1911), the pre-training text.</summary>
    public static TextCorpus DevilsDictionary => s_devilsDictionary.Value;

    /// <summary>Genesis from the World English Bible (public-domain dedication), the fine-tuning text.</summary>
    public static TextCorpus Genesis => s_genesis.Value;

    public string Name { get; }

    public IReadOnlyList<int> Tokens { get; }

    public int TrainCount { get; }

    /// <summary>The tokens of a split, copied.</summary>
    public int[] Select(DigitsSplit split) => split switch
    {
        DigitsSplit.Train => Tokens.Take(TrainCount).ToArray(),
        DigitsSplit.Eval => Tokens.Skip(TrainCount).ToArray(),
        DigitsSplit.All => Tokens.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };

    public static string ResourceNameOf(string name) => $"WeightFarcast.Training.{name}.txt";

    private static TextCorpus LoadEmbedded(string name)
    {
        var resource = ResourceNameOf(name);
        using var stream = typeof(TextCorpus).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing from {typeof(TextCorpus).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return new TextCorpus(name, reader.ReadToEnd());
    }
}
