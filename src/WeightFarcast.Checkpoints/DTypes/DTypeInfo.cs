namespace WeightFarcast.Checkpoints.DTypes;

/// <summary>Per-dtype facts: safetensors name, element size and whether the values are floating point.</summary>
public static class DTypeInfo
{
    /// <summary>The dtype's name as written in a safetensors header (e.g. "BF16").</summary>
    public static string SafetensorsName(this DType dtype) => dtype switch
    {
        DType.F64 => "F64",
        DType.F32 => "F32",
        DType.F16 => "F16",
        DType.BF16 => "BF16",
        DType.F8_E4M3 => "F8_E4M3",
        DType.F8_E5M2 => "F8_E5M2",
        DType.I64 => "I64",
        DType.I32 => "I32",
        DType.I16 => "I16",
        DType.I8 => "I8",
        DType.U8 => "U8",
        DType.U16 => "U16",
        DType.U32 => "U32",
        DType.U64 => "U64",
        DType.BOOL => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>Bytes per element; also the alignment safetensors orders tensors by.</summary>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.F64 or DType.I64 or DType.U64 => 8,
        DType.F32 or DType.I32 or DType.U32 => 4,
        DType.F16 or DType.BF16 or DType.I16 or DType.U16 => 2,
        DType.F8_E4M3 or DType.F8_E5M2 or DType.I8 or DType.U8 or DType.BOOL => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>True for the float dtypes; other tensors (step counters, masks, ids) are carried through unchanged.</summary>
    public static bool IsFloatingPoint(this DType dtype) =>
        dtype is DType.F64 or DType.F32 or DType.F16 or DType.BF16 or DType.F8_E4M3 or DType.F8_E5M2;

    /// <summary>Parses a safetensors dtype name (case-sensitive, as the format requires).</summary>
    public static bool TryParseSafetensorsName(string name, out DType dtype)
    {
        foreach (var candidate in Enum.GetValues<DType>())
        {
            if (string.Equals(candidate.SafetensorsName(), name, StringComparison.Ordinal))
            {
                dtype = candidate;
                return true;
            }
        }
        dtype = default;
        return false;
    }
}
