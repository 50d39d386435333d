namespace WeightFarcast.Training;

/// <summary>
/// The character-level language model's tokens: newline is token 0 and printable ASCII ' '..'~' are tokens 1..95.
/// Fixed rather than read off a text, so a model pre-trained on one text fine-tunes on another with the same shapes.
/// </summary>
public static class CharVocabulary
{
    public const int Size = 96;
    private const char First = ' ';
    private const char Last = '~';

    public static int TokenOf(char c) => c switch
    {
        '\n' => 0,
        >= First and <= Last => c - First + 1,
        _ => -1,
    };

    public static char CharOf(int token) => token switch
    {
        0 => '\n',
        >= 1 and < Size => (char)(First + token - 1),
        _ => throw new ArgumentOutOfRangeException(nameof(token), token, $"tokens are 0..{Size - 1}"),
    };

    /// <exception cref="InvalidDataException">A character is outside newline + printable ASCII; the message says where.</exception>
    public static int[] Encode(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            tokens[i] = TokenOf(text[i]);
            if (tokens[i] < 0)
                throw new InvalidDataException($"{source}: character U+{(int)text[i]:X4} at offset {i} is outside newline + printable ASCII");
        }
        return tokens;
    }

    public static string Decode(IEnumerable<int> tokens) => string.Concat(tokens.Select(CharOf));
}
