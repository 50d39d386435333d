using System.Numerics;
using System.Runtime.InteropServices;

namespace WeightFarcast.Checkpoints.DTypes;

/// <summary>
/// Converts little-endian tensor bytes to and from float/double. Reading is exact for every float dtype narrower than
/// the target; integer dtypes convert with the target's rounding (I64 above 2^24 is not exact as float). Writing to
/// F16/BF16 rounds to nearest, ties to even; F8 rounds to nearest even and saturates (see <see cref="Float8Codec"/>);
/// F64 -> F32 uses the IEEE cast (also nearest even). Only float dtypes can be written from floats: integer and bool
/// tensors are carried through as bytes. Assumes a little-endian host, like the formats themselves.
/// </summary>
public static class DTypeConversion
{
    // Chunk used when a conversion goes through a temporary (e.g. F16 -> float -> double).
    private const int StackChunk = 512;

    /// <summary>Converts <paramref name="destination"/>.Length elements of <paramref name="dtype"/> from <paramref name="source"/>.</summary>
    public static void ToSingle(ReadOnlySpan<byte> source, DType dtype, Span<float> destination)
    {
        CheckLengths(source.Length, dtype, destination.Length);
        switch (dtype)
        {
            case DType.F32:
                MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
                break;
            case DType.F16:
                SixteenBitFloat.ToSingle<HalfConversion>(MemoryMarshal.Cast<byte, ushort>(source), destination);
                break;
            case DType.BF16:
                SixteenBitFloat.ToSingle<BFloat16Conversion>(MemoryMarshal.Cast<byte, ushort>(source), destination);
                break;
            case DType.F64:
                NarrowDoubles(MemoryMarshal.Cast<byte, double>(source), destination);
                break;
            case DType.F8_E4M3:
                Float8Codec.E4M3.Decode(source, destination);
                break;
            case DType.F8_E5M2:
                Float8Codec.E5M2.Decode(source, destination);
                break;
            default:
                IntegersTo(source, dtype, destination);
                break;
        }
    }

    /// <summary>Converts to double; exact for every float dtype and for integers up to 2^53.</summary>
    public static void ToDouble(ReadOnlySpan<byte> source, DType dtype, Span<double> destination)
    {
        CheckLengths(source.Length, dtype, destination.Length);
        switch (dtype)
        {
            case DType.F64:
                MemoryMarshal.Cast<byte, double>(source).CopyTo(destination);
                break;
            case DType.F32:
                WidenSingles(MemoryMarshal.Cast<byte, float>(source), destination);
                break;
            case DType.F16 or DType.BF16 or DType.F8_E4M3 or DType.F8_E5M2:
                // Via float: exact, and reuses the vectorised widening.
                Span<float> chunk = stackalloc float[StackChunk];
                var size = dtype.ElementSize();
                for (var done = 0; done < destination.Length; done += StackChunk)
                {
                    var count = Math.Min(StackChunk, destination.Length - done);
                    ToSingle(source.Slice(done * size, count * size), dtype, chunk[..count]);
                    WidenSingles(chunk[..count], destination.Slice(done, count));
                }
                break;
            default:
                IntegersTo(source, dtype, destination);
                break;
        }
    }

    /// <summary>Converts floats into a float dtype's bytes (rounding documented on the class).</summary>
    public static void FromSingle(ReadOnlySpan<float> source, DType dtype, Span<byte> destination)
    {
        CheckLengths(destination.Length, dtype, source.Length);
        switch (dtype)
        {
            case DType.F32:
                MemoryMarshal.AsBytes(source).CopyTo(destination);
                break;
            case DType.F16:
                SixteenBitFloat.FromSingle<HalfConversion>(source, MemoryMarshal.Cast<byte, ushort>(destination));
                break;
            case DType.BF16:
                SixteenBitFloat.FromSingle<BFloat16Conversion>(source, MemoryMarshal.Cast<byte, ushort>(destination));
                break;
            case DType.F64:
                WidenSingles(source, MemoryMarshal.Cast<byte, double>(destination));
                break;
            case DType.F8_E4M3:
                Float8Codec.E4M3.Encode(source, destination);
                break;
            case DType.F8_E5M2:
                Float8Codec.E5M2.Encode(source, destination);
                break;
            default:
                throw new ArgumentException(
                    $"Cannot write floats as {dtype.SafetensorsName()}: only float dtypes are converted; copy non-float tensors as bytes.",
                    nameof(dtype));
        }
    }

    private static void CheckLengths(int byteLength, DType dtype, int elementCount)
    {
        if ((long)elementCount * dtype.ElementSize() != byteLength)
            throw new ArgumentException(
                $"{byteLength} bytes of {dtype.SafetensorsName()} do not hold {elementCount} elements ({dtype.ElementSize()} bytes each).");
    }

    private static void WidenSingles(ReadOnlySpan<float> source, Span<double> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var step = Vector<float>.Count;
            var half = Vector<double>.Count;
            for (; i <= source.Length - step; i += step)
            {
                Vector.Widen(new Vector<float>(source[i..]), out var low, out var high);
                low.CopyTo(destination[i..]);
                high.CopyTo(destination[(i + half)..]);
            }
        }
        for (; i < source.Length; i++)
            destination[i] = source[i];
    }

    private static void NarrowDoubles(ReadOnlySpan<double> source, Span<float> destination)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var step = Vector<float>.Count;
            var half = Vector<double>.Count;
            for (; i <= source.Length - step; i += step)
                Vector.Narrow(new Vector<double>(source[i..]), new Vector<double>(source[(i + half)..])).CopyTo(destination[i..]);
        }
        for (; i < source.Length; i++)
            destination[i] = (float)source[i];
    }

    private static void IntegersTo<T>(ReadOnlySpan<byte> source, DType dtype, Span<T> destination)
        where T : unmanaged, INumberBase<T>
    {
        switch (dtype)
        {
            case DType.I64: Convert<long, T>(source, destination); break;
            case DType.I32: Convert<int, T>(source, destination); break;
            case DType.I16: Convert<short, T>(source, destination); break;
            case DType.I8: Convert<sbyte, T>(source, destination); break;
            case DType.U8: Convert<byte, T>(source, destination); break;
            case DType.U16: Convert<ushort, T>(source, destination); break;
            case DType.U32: Convert<uint, T>(source, destination); break;
            case DType.U64: Convert<ulong, T>(source, destination); break;
            case DType.BOOL:
                for (var i = 0; i < destination.Length; i++)
                    destination[i] = source[i] != 0 ? T.One : T.Zero;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not an integer dtype.");
        }
    }

    private static void Convert<TSource, T>(ReadOnlySpan<byte> source, Span<T> destination)
        where TSource : unmanaged, INumberBase<TSource>
        where T : unmanaged, INumberBase<T>
    {
        var values = MemoryMarshal.Cast<byte, TSource>(source);
        for (var i = 0; i < values.Length; i++)
            destination[i] = T.CreateTruncating(values[i]);
    }
}
