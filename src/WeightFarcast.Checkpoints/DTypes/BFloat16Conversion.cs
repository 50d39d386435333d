using System.Numerics;

namespace WeightFarcast.Checkpoints.DTypes;

/// <summary>
/// bfloat16 is the upper half of a binary32. Widening is a shift (exact). Narrowing rounds to nearest, ties to even
/// (as PyTorch's <c>.bfloat16()</c>): add 0x7FFF plus the lowest kept bit, then truncate; values past the largest
/// finite bfloat16 become infinity; NaN is kept as a quiet NaN (truncating could otherwise turn it into infinity).
/// </summary>
internal readonly struct BFloat16Conversion : ISixteenBitFloat
{
    private const uint AbsMask = 0x7FFF_FFFFu;
    private const uint Infinity = 0x7F80_0000u;

    public static uint Widen(ushort bits) => (uint)bits << 16;

    public static Vector<uint> Widen(Vector<uint> bits) => bits << 16;

    public static ushort Narrow(uint f)
    {
        if ((f & AbsMask) > Infinity)
            return (ushort)((f >> 16) | 0x40);
        return (ushort)((f + 0x7FFFu + ((f >> 16) & 1)) >> 16);
    }

    public static Vector<uint> Narrow(Vector<uint> f)
    {
        var isNan = Vector.GreaterThan(f & new Vector<uint>(AbsMask), new Vector<uint>(Infinity));
        var rounded = (f + new Vector<uint>(0x7FFFu) + ((f >> 16) & Vector<uint>.One)) >> 16;
        var quietNan = (f >> 16) | new Vector<uint>(0x40u);
        return Vector.ConditionalSelect(isNan, quietNan, rounded);
    }
}
