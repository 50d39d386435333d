using System.Numerics;
using System.Runtime.InteropServices;

namespace WeightFarcast.Forecasting;

/// <summary>The vectorised span kernels forecasts are applied with (no torch: they stream over billions of weights).</summary>
public static class SpanMath
{
    /// <summary>output[i] += a * x[i].</summary>
    public static void MultiplyAdd(float a, ReadOnlySpan<float> x, Span<float> output)
    {
        RequireSameLength(x.Length, output.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var va = new Vector<float>(a);
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            var vo = MemoryMarshal.Cast<float, Vector<float>>(output);
            for (var v = 0; v < vx.Length; v++)
                vo[v] += va * vx[v];
            i = vx.Length * Vector<float>.Count;
        }
        for (; i < x.Length; i++)
            output[i] += a * x[i];
    }

    /// <summary>output[i] = a * x[i] + b.</summary>
    public static void Affine(float a, ReadOnlySpan<float> x, float b, Span<float> output)
    {
        RequireSameLength(x.Length, output.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var va = new Vector<float>(a);
            var vb = new Vector<float>(b);
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            var vo = MemoryMarshal.Cast<float, Vector<float>>(output);
            for (var v = 0; v < vx.Length; v++)
                vo[v] = va * vx[v] + vb;
            i = vx.Length * Vector<float>.Count;
        }
        for (; i < x.Length; i++)
            output[i] = a * x[i] + b;
    }

    /// <summary>output[i] = a * x[i] + c * y[i] + b, in one pass.</summary>
    public static void Affine(float a, ReadOnlySpan<float> x, float c, ReadOnlySpan<float> y, float b, Span<float> output)
    {
        RequireSameLength(x.Length, output.Length);
        RequireSameLength(y.Length, output.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
        {
            var va = new Vector<float>(a);
            var vc = new Vector<float>(c);
            var vb = new Vector<float>(b);
            var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
            var vo = MemoryMarshal.Cast<float, Vector<float>>(output);
            for (var v = 0; v < vx.Length; v++)
                vo[v] = va * vx[v] + vc * vy[v] + vb;
            i = vx.Length * Vector<float>.Count;
        }
        for (; i < x.Length; i++)
            output[i] = a * x[i] + c * y[i] + b;
    }

    private static void RequireSameLength(int input, int output)
    {
        if (input != output)
            throw new ArgumentException($"span lengths differ: input {input}, output {output}");
    }
}
