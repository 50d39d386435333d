namespace WeightFarcast.Training;

/// <summary>The sizes of a <see cref="CharTransformerLm"/>.</summary>
/// <param name="Context">Tokens per window (the longest sequence the positional embedding covers).</param>
/// <param name="Width">d_model: the embedding and residual width.</param>
/// <param name="Heads">Attention heads; must divide <paramref name="Width"/>.</param>
/// <param name="Layers">Decoder blocks.</param>
/// <param name="MlpWidth">Hidden width of each block's MLP.</param>
public sealed record CharLmShape(int Context = 64, int Width = 64, int Heads = 4, int Layers = 2, int MlpWidth = 256)
{
    public static CharLmShape Default { get; } = new();

    internal void Validate()
    {
        if (Context < 1 || Width < 1 || Heads < 1 || Layers < 1 || MlpWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(CharLmShape), this, "every size must be >= 1");
        if (Width % Heads != 0)
            throw new ArgumentOutOfRangeException(nameof(Heads), Heads, $"heads must divide the width {Width}");
    }
}
