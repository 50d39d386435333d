using System.Runtime.InteropServices;
using WeightFarcast.Checkpoints.DTypes;

namespace WeightFarcast.Checkpoints.Tests;

public sealed class DTypeConversionTests
{
    [Fact]
    public void Every_half_widens_exactly_like_System_Half()
    {
        var bits = Enumerable.Range(0, 65536).Select(i => (ushort)i).ToArray();
        var floats = new float[bits.Length];
        DTypeConversion.ToSingle(MemoryMarshal.AsBytes(bits.AsSpan()), DType.F16, floats);
        for (var i = 0; i < bits.Length; i++)
        {
            var expected = (float)BitConverter.UInt16BitsToHalf(bits[i]);
            if (float.IsNaN(expected))
                Assert.True(float.IsNaN(floats[i]), $"0x{i:x4}");
            else
                Assert.Equal(BitConverter.SingleToUInt32Bits(expected), BitConverter.SingleToUInt32Bits(floats[i]));
        }
    }

    [Fact]
    public void Narrowing_to_half_rounds_to_nearest_even_like_System_Half()
    {
        var values = InterestingFloats(200_000);
        var bytes = new byte[values.Length * 2];
        DTypeConversion.FromSingle(values, DType.F16, bytes);
        var halves = MemoryMarshal.Cast<byte, ushort>(bytes);
        for (var i = 0; i < values.Length; i++)
        {
            var expected = BitConverter.HalfToUInt16Bits((Half)values[i]);
            if (float.IsNaN(values[i]))
                Assert.True(Half.IsNaN(BitConverter.UInt16BitsToHalf(halves[i])));
            else
                Assert.True(expected == halves[i], $"{values[i]:R} -> 0x{halves[i]:x4}, expected 0x{expected:x4}");
        }
    }

    [Fact]
    public void Narrowing_to_bfloat16_rounds_to_nearest_even()
    {
        var values = InterestingFloats(200_000);
        var bytes = new byte[values.Length * 2];
        DTypeConversion.FromSingle(values, DType.BF16, bytes);
        var narrowed = MemoryMarshal.Cast<byte, ushort>(bytes);
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            var back = BitConverter.UInt32BitsToSingle((uint)narrowed[i] << 16);
            if (float.IsNaN(v))
            {
                Assert.True(float.IsNaN(back));
                continue;
            }
            // Reference: the two bfloat16 neighbours by truncation, pick the closer, ties to even mantissa.
            var bits = BitConverter.SingleToUInt32Bits(v);
            var down = bits & 0xFFFF0000u;
            var up = down + 0x10000u;
            var remainder = bits & 0xFFFFu;
            var expected = remainder < 0x8000u ? down : remainder > 0x8000u ? up : ((down >> 16) & 1) == 0 ? down : up;
            Assert.True(expected >> 16 == narrowed[i], $"{v:R}");
        }
    }

    [Fact]
    public void Bfloat16_keeps_nan_as_nan_and_rounds_overflow_to_infinity()
    {
        float[] values = [float.NaN, BitConverter.UInt32BitsToSingle(0x7F800001), float.MaxValue, -float.MaxValue, float.PositiveInfinity];
        var bytes = new byte[values.Length * 2];
        DTypeConversion.FromSingle(values, DType.BF16, bytes);
        var back = new float[values.Length];
        DTypeConversion.ToSingle(bytes, DType.BF16, back);
        Assert.True(float.IsNaN(back[0]));
        Assert.True(float.IsNaN(back[1]));
        Assert.Equal(float.PositiveInfinity, back[2]);
        Assert.Equal(float.NegativeInfinity, back[3]);
        Assert.Equal(float.PositiveInfinity, back[4]);
    }

    [Theory]
    [InlineData(DType.F8_E4M3, 448f, 240f, 0.001953125f)]
    [InlineData(DType.F8_E5M2, 57344f, 49152f, 1.52587890625e-05f)]
    public void Float8_decodes_every_code_and_reencodes_it(DType dtype, float max, float secondToLastBinade, float smallestSubnormal)
    {
        var codes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var values = new float[256];
        DTypeConversion.ToSingle(codes, dtype, values);
        Assert.Equal(max, values.Where(float.IsFinite).Max());
        Assert.Contains(secondToLastBinade, values);
        Assert.Equal(smallestSubnormal, values[1]);
        var again = new byte[256];
        DTypeConversion.FromSingle(values, dtype, again);
        for (var i = 0; i < 256; i++)
        {
            if (float.IsNaN(values[i]))
                Assert.True(float.IsNaN(Decode(dtype, again[i])));
            else
                Assert.Equal(codes[i], again[i]);
        }
    }

    [Theory]
    [InlineData(DType.F8_E4M3, 1e6f, 448f)]
    [InlineData(DType.F8_E4M3, float.PositiveInfinity, 448f)]
    [InlineData(DType.F8_E4M3, -500f, -448f)]
    [InlineData(DType.F8_E5M2, 1e6f, 57344f)]
    [InlineData(DType.F8_E5M2, float.NegativeInfinity, float.NegativeInfinity)]
    [InlineData(DType.F8_E4M3, 1.0625f, 1f)] // halfway between 1 and 1.125: ties to even
    [InlineData(DType.F8_E4M3, 1.1875f, 1.25f)] // halfway between 1.125 and 1.25: ties to even
    [InlineData(DType.F8_E4M3, 1.07f, 1.125f)]
    [InlineData(DType.F8_E5M2, 1.125f, 1f)]
    [InlineData(DType.F8_E5M2, 1.375f, 1.5f)]
    [InlineData(DType.F8_E4M3, 0.0009765625f, 0f)] // half the smallest subnormal rounds to even (zero)
    public void Float8_rounds_to_nearest_even_and_saturates(DType dtype, float input, float expected)
    {
        var code = new byte[1];
        DTypeConversion.FromSingle([input], dtype, code);
        Assert.Equal(expected, Decode(dtype, code[0]));
    }

    [Fact]
    public void Integers_and_bool_read_as_numbers_and_refuse_float_writes()
    {
        long[] longs = [7, -3, 1L << 40];
        var doubles = new double[3];
        DTypeConversion.ToDouble(MemoryMarshal.AsBytes(longs.AsSpan()), DType.I64, doubles);
        Assert.Equal([7d, -3d, 1099511627776d], doubles);
        var flags = new float[3];
        DTypeConversion.ToSingle([0, 1, 2], DType.BOOL, flags);
        Assert.Equal([0f, 1f, 1f], flags);
        Assert.Throws<ArgumentException>(() => DTypeConversion.FromSingle([1f], DType.I32, new byte[4]));
        Assert.Throws<ArgumentException>(() => DTypeConversion.ToSingle(new byte[3], DType.F16, new float[2]));
    }

    [Fact]
    public void Double_reads_are_exact_for_every_float_dtype()
    {
        var values = InterestingFloats(5_000).Where(float.IsFinite).Select(v => v / 1e30f).ToArray();
        foreach (var dtype in new[] { DType.F16, DType.BF16, DType.F8_E4M3, DType.F8_E5M2, DType.F64, DType.F32 })
        {
            var bytes = new byte[values.Length * dtype.ElementSize()];
            DTypeConversion.FromSingle(values, dtype, bytes);
            var singles = new float[values.Length];
            var doubles = new double[values.Length];
            DTypeConversion.ToSingle(bytes, dtype, singles);
            DTypeConversion.ToDouble(bytes, dtype, doubles);
            Assert.Equal(singles.Select(v => (double)v), doubles);
        }
    }

    private static float Decode(DType dtype, byte code)
    {
        var value = new float[1];
        DTypeConversion.ToSingle([code], dtype, value);
        return value[0];
    }

    /// <summary>Random bit patterns (all exponents, subnormals, NaN, Inf) plus exact half-way cases for F16.</summary>
    private static float[] InterestingFloats(int count)
    {
        var random = new Random(1234);
        var values = new List<float> { 0f, -0f, float.Epsilon, 65504f, 65520f, 65519.99f, 1e-8f, 2.98e-8f, 5.96e-8f, float.NaN, float.PositiveInfinity, float.NegativeInfinity };
        for (var i = 0; i < count; i++)
        {
            var bits = (uint)random.NextInt64(0, 1L << 32);
            values.Add(BitConverter.UInt32BitsToSingle(bits));
            // Values around the F16 range, with the 13 dropped bits set to exactly half.
            var nearHalf = (bits & 0x8FFF_E000u) | 0x3000_0000u | 0x1000u;
            values.Add(BitConverter.UInt32BitsToSingle(nearHalf));
            values.Add((float)(random.NextDouble() * 2 - 1) * MathF.Pow(2, random.Next(-26, 17)));
        }
        return values.ToArray();
    }
}
