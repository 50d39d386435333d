namespace WeightFarcast.Checkpoints.DTypes;

/// <summary>Element types a checkpoint tensor can hold (the safetensors set minus complex and sub-byte types).</summary>
public enum DType
{
    F64,
    F32,
    F16,
    BF16,
    /// <summary>8-bit float, 4 exponent bits, 3 mantissa bits, no infinities ("fn" variant, max 448).</summary>
    F8_E4M3,
    /// <summary>8-bit float, 5 exponent bits, 2 mantissa bits, IEEE-like with infinities (max 57344).</summary>
    F8_E5M2,
    I64,
    I32,
    I16,
    I8,
    U8,
    U16,
    U32,
    U64,
    BOOL,
}
