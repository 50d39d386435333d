using System.Numerics;

namespace WeightFarcast.Checkpoints.DTypes;

/// <summary>
/// IEEE binary16 &lt;-&gt; binary32 with integer bit tricks so the same formula runs on <see cref="Vector{T}"/> lanes
/// and on the scalar tail. Widening is exact. Narrowing rounds to nearest, ties to even (the IEEE default and what
/// PyTorch's <c>.half()</c> does): overflow becomes infinity, tiny values become subnormals or signed zero, NaN stays
/// a quiet NaN with its sign. Algorithm: F. Giesen, "float_to_half_fast3_rtne" / "half_to_float_fast".
/// </summary>
internal readonly struct HalfConversion : ISixteenBitFloat
{
    private const uint ShiftedExponent = 0x7C00u << 13;
    private const uint ExponentAdjust = (127 - 15) << 23;
    private const uint InfNanAdjust = (128 - 16) << 23;
    private const uint SubnormalMagic = 113u << 23;

    private const uint F32Infinity = 255u << 23;
    private const uint F16Overflow = (127u + 16) << 23;
    private const uint DenormMagic = ((127u - 15) + (23 - 10) + 1) << 23;
    private const uint RebiasWithHalfUlp = unchecked((uint)((15 - 127) << 23)) + 0xFFF;

    public static uint Widen(ushort h)
    {
        var o = (h & 0x7FFFu) << 13;
        var exponent = o & ShiftedExponent;
        o += ExponentAdjust;
        if (exponent == ShiftedExponent)
            o += InfNanAdjust;
        else if (exponent == 0)
            o = BitConverter.SingleToUInt32Bits(BitConverter.UInt32BitsToSingle(o + (1u << 23)) - BitConverter.UInt32BitsToSingle(SubnormalMagic));
        return o | ((h & 0x8000u) << 16);
    }

    public static ushort Narrow(uint f)
    {
        var sign = f & 0x8000_0000u;
        f ^= sign;
        uint o;
        if (f >= F16Overflow)
        {
            o = f > F32Infinity ? 0x7E00u : 0x7C00u;
        }
        else if (f < SubnormalMagic)
        {
            // Adding the magic lets the FPU do the subnormal rounding (round to nearest even).
            o = BitConverter.SingleToUInt32Bits(BitConverter.UInt32BitsToSingle(f) + BitConverter.UInt32BitsToSingle(DenormMagic)) - DenormMagic;
        }
        else
        {
            var mantissaOdd = (f >> 13) & 1;
            o = (f + RebiasWithHalfUlp + mantissaOdd) >> 13;
        }
        return (ushort)(o | (sign >> 16));
    }

    public static Vector<uint> Widen(Vector<uint> h)
    {
        var o = (h & new Vector<uint>(0x7FFFu)) << 13;
        var exponent = o & new Vector<uint>(ShiftedExponent);
        o += new Vector<uint>(ExponentAdjust);
        var isInfNan = Vector.Equals(exponent, new Vector<uint>(ShiftedExponent));
        var isSubnormal = Vector.Equals(exponent, Vector<uint>.Zero);
        var infNan = o + new Vector<uint>(InfNanAdjust);
        var subnormal = Vector.AsVectorUInt32(
            Vector.AsVectorSingle(o + new Vector<uint>(1u << 23)) - Vector.AsVectorSingle(new Vector<uint>(SubnormalMagic)));
        o = Vector.ConditionalSelect(isInfNan, infNan, Vector.ConditionalSelect(isSubnormal, subnormal, o));
        return o | ((h & new Vector<uint>(0x8000u)) << 16);
    }

    public static Vector<uint> Narrow(Vector<uint> f)
    {
        var sign = f & new Vector<uint>(0x8000_0000u);
        f ^= sign;
        var overflow = Vector.ConditionalSelect(
            Vector.GreaterThan(f, new Vector<uint>(F32Infinity)), new Vector<uint>(0x7E00u), new Vector<uint>(0x7C00u));
        var subnormal = Vector.AsVectorUInt32(Vector.AsVectorSingle(f) + Vector.AsVectorSingle(new Vector<uint>(DenormMagic)))
            - new Vector<uint>(DenormMagic);
        var mantissaOdd = (f >> 13) & Vector<uint>.One;
        var normal = (f + new Vector<uint>(RebiasWithHalfUlp) + mantissaOdd) >> 13;
        var o = Vector.ConditionalSelect(
            Vector.GreaterThanOrEqual(f, new Vector<uint>(F16Overflow)),
            overflow,
            Vector.ConditionalSelect(Vector.LessThan(f, new Vector<uint>(SubnormalMagic)), subnormal, normal));
        return o | (sign >> 16);
    }
}
