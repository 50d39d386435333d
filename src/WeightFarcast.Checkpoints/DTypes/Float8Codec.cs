namespace WeightFarcast.Checkpoints.DTypes;

/// <summary>
/// One 8-bit float format (OCP FP8: E4M3 "fn" or E5M2). Decoding is a 256-entry table (exact).
/// Encoding rounds to nearest, ties to even, by locating the value between two neighbouring codes (positive codes
/// grow monotonically in magnitude, so a binary search over the table finds them) and comparing with their exact
/// midpoint. Saturation: finite values beyond the largest finite code become ±max (not infinity, as in PyTorch's
/// saturating FP8 casts used for training); ±infinity becomes ±infinity where the format has it (E5M2) and ±max
/// where it does not (E4M3); NaN becomes the format's NaN with the input's sign.
/// </summary>
internal sealed class Float8Codec
{
    public static readonly Float8Codec E4M3 = new(exponentBits: 4, mantissaBits: 3, hasInfinity: false);
    public static readonly Float8Codec E5M2 = new(exponentBits: 5, mantissaBits: 2, hasInfinity: true);

    private const byte NanCode = 0x7F;

    private readonly float[] _decode = new float[256];
    private readonly byte _maxFiniteCode;
    private readonly byte? _infinityCode;

    private Float8Codec(int exponentBits, int mantissaBits, bool hasInfinity)
    {
        var bias = (1 << (exponentBits - 1)) - 1;
        var maxExponent = (1 << exponentBits) - 1;
        var mantissaScale = 1 << mantissaBits;
        for (var code = 0; code < 256; code++)
        {
            var exponent = (code >> mantissaBits) & maxExponent;
            var mantissa = code & (mantissaScale - 1);
            double magnitude;
            if (exponent == maxExponent && hasInfinity)
                magnitude = mantissa == 0 ? double.PositiveInfinity : double.NaN;
            else if (exponent == maxExponent && mantissa == mantissaScale - 1)
                magnitude = double.NaN; // E4M3fn: only S.1111.111 is NaN; the rest of the top binade is finite.
            else if (exponent == 0)
                magnitude = Math.ScaleB((double)mantissa / mantissaScale, 1 - bias);
            else
                magnitude = Math.ScaleB(1 + (double)mantissa / mantissaScale, exponent - bias);
            _decode[code] = (float)((code & 0x80) != 0 ? -magnitude : magnitude);
        }
        _maxFiniteCode = hasInfinity ? (byte)((maxExponent << mantissaBits) - 1) : (byte)(NanCode - 1);
        _infinityCode = hasInfinity ? (byte)(maxExponent << mantissaBits) : null;
    }

    public float MaxFinite => _decode[_maxFiniteCode];

    public float Decode(byte code) => _decode[code];

    public void Decode(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var table = _decode;
        for (var i = 0; i < source.Length; i++)
            destination[i] = table[source[i]];
    }

    public void Encode(ReadOnlySpan<float> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
            destination[i] = Encode(source[i]);
    }

    public byte Encode(float value)
    {
        var sign = (byte)(float.IsNegative(value) ? 0x80 : 0);
        if (float.IsNaN(value))
            return (byte)(NanCode | sign);
        var magnitude = Math.Abs(value);
        if (float.IsPositiveInfinity(magnitude) && _infinityCode is { } infinity)
            return (byte)(infinity | sign);
        if (magnitude >= MaxFinite)
            return (byte)(_maxFiniteCode | sign);

        // Largest code whose value is <= magnitude (code 0 is +0, so one exists).
        int low = 0, high = _maxFiniteCode;
        while (low < high)
        {
            var middle = (low + high + 1) >> 1;
            if (_decode[middle] <= magnitude)
                low = middle;
            else
                high = middle - 1;
        }
        if (_decode[low] == magnitude)
            return (byte)(low | sign);
        var midpoint = ((double)_decode[low] + _decode[low + 1]) / 2; // exact in double
        var chosen = magnitude < midpoint ? low
            : magnitude > midpoint ? low + 1
            : (low & 1) == 0 ? low : low + 1;
        return (byte)(chosen | sign);
    }
}
