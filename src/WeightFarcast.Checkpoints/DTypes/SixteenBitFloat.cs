using System.Numerics;
using System.Runtime.InteropServices;

namespace WeightFarcast.Checkpoints.DTypes;

/// <summary>A 16-bit float format's bit-level widening to binary32 and rounding narrowing, per value and per vector lane.</summary>
internal interface ISixteenBitFloat
{
    static abstract uint Widen(ushort bits);

    static abstract Vector<uint> Widen(Vector<uint> bits);

    static abstract ushort Narrow(uint single);

    static abstract Vector<uint> Narrow(Vector<uint> singles);
}

/// <summary>The span loops shared by F16 and BF16: vector lanes for the bulk, the scalar formula for the tail.</summary>
internal static class SixteenBitFloat
{
    public static void ToSingle<TFormat>(ReadOnlySpan<ushort> source, Span<float> destination)
        where TFormat : ISixteenBitFloat
    {
        var i = 0;
        var bits = MemoryMarshal.Cast<float, uint>(destination);
        if (Vector.IsHardwareAccelerated)
        {
            var step = Vector<ushort>.Count;
            var half = Vector<uint>.Count;
            for (; i <= source.Length - step; i += step)
            {
                Vector.Widen(new Vector<ushort>(source[i..]), out var low, out var high);
                TFormat.Widen(low).CopyTo(bits[i..]);
                TFormat.Widen(high).CopyTo(bits[(i + half)..]);
            }
        }
        for (; i < source.Length; i++)
            bits[i] = TFormat.Widen(source[i]);
    }

    public static void FromSingle<TFormat>(ReadOnlySpan<float> source, Span<ushort> destination)
        where TFormat : ISixteenBitFloat
    {
        var i = 0;
        var bits = MemoryMarshal.Cast<float, uint>(source);
        if (Vector.IsHardwareAccelerated)
        {
            var step = Vector<ushort>.Count;
            var half = Vector<uint>.Count;
            for (; i <= bits.Length - step; i += step)
            {
                var low = TFormat.Narrow(new Vector<uint>(bits[i..]));
                var high = TFormat.Narrow(new Vector<uint>(bits[(i + half)..]));
                Vector.Narrow(low, high).CopyTo(destination[i..]);
            }
        }
        for (; i < bits.Length; i++)
            destination[i] = TFormat.Narrow(bits[i]);
    }
}
