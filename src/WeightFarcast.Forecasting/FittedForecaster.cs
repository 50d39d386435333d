namespace WeightFarcast.Forecasting;

/// <summary>
/// A fitted map as plain data: ŵ_h = Σ_j A[j, h]·x_j + b[h], where x_j is a coordinate's value at
/// <see cref="InputSteps"/>[j] and h indexes <see cref="HorizonSteps"/>. <see cref="Coefficients"/> is A,
/// row-major [k × H]. Applying it needs no torch.
/// </summary>
public sealed record FittedForecaster
{
    // Elements per tile when several inputs are accumulated: keeps the output tile in L1 cache between passes.
    private const int TileLength = 4096;

    public required IReadOnlyList<int> InputSteps { get; init; }
    public required int ObservedStep { get; init; }
    public required IReadOnlyList<int> HorizonSteps { get; init; }
    public required float[] Coefficients { get; init; }
    public required float[] Bias { get; init; }
    public double Lambda { get; init; }
    public ulong Seed { get; init; }

    /// <summary>Epochs run before stopping.</summary>
    public int Epochs { get; init; }

    /// <summary>1-based epoch whose weights were kept (lowest validation L1).</summary>
    public int BestEpoch { get; init; }

    public double BestTrainLoss { get; init; }
    public double BestValidationLoss { get; init; }

    public int InputCount => InputSteps.Count;
    public int HorizonCount => HorizonSteps.Count;

    public float Coefficient(int inputIndex, int horizonIndex) => Coefficients[inputIndex * HorizonCount + horizonIndex];

    /// <summary>The index of a horizon step, or -1 if it was not fitted.</summary>
    public int HorizonIndex(int step)
    {
        for (var h = 0; h < HorizonSteps.Count; h++)
        {
            if (HorizonSteps[h] == step)
                return h;
        }
        return -1;
    }

    /// <summary>Predicts horizon <paramref name="horizonIndex"/> for a span of coordinates; inputs[j] holds the values at InputSteps[j].</summary>
    public void Apply(int horizonIndex, IReadOnlyList<ReadOnlyMemory<float>> inputs, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckShape(horizonIndex, inputs.Count);
        switch (inputs.Count)
        {
            case 1:
                Apply(horizonIndex, inputs[0].Span, output);
                return;
            case 2:
                Apply(horizonIndex, inputs[0].Span, inputs[1].Span, output);
                return;
        }
        for (var j = 0; j < inputs.Count; j++)
        {
            if (inputs[j].Length != output.Length)
                throw new ArgumentException($"input {j} holds {inputs[j].Length} values, the output {output.Length}");
        }
        var bias = Bias[horizonIndex];
        for (var start = 0; start < output.Length; start += TileLength)
        {
            var length = Math.Min(TileLength, output.Length - start);
            var tile = output.Slice(start, length);
            tile.Fill(bias);
            for (var j = 0; j < inputs.Count; j++)
                SpanMath.MultiplyAdd(Coefficient(j, horizonIndex), inputs[j].Span.Slice(start, length), tile);
        }
    }

    /// <summary>One-input maps (LFL).</summary>
    public void Apply(int horizonIndex, ReadOnlySpan<float> input0, Span<float> output)
    {
        CheckShape(horizonIndex, 1);
        SpanMath.Affine(Coefficient(0, horizonIndex), input0, Bias[horizonIndex], output);
    }

    /// <summary>Two-input maps (LFD-2: input0 = w_0, input1 = w_n), fused in one pass.</summary>
    public void Apply(int horizonIndex, ReadOnlySpan<float> input0, ReadOnlySpan<float> input1, Span<float> output)
    {
        CheckShape(horizonIndex, 2);
        SpanMath.Affine(Coefficient(0, horizonIndex), input0, Coefficient(1, horizonIndex), input1, Bias[horizonIndex], output);
    }

    private void CheckShape(int horizonIndex, int inputCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizonIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(horizonIndex, HorizonCount);
        if (inputCount != InputCount)
            throw new ArgumentException($"the forecaster reads {InputCount} input steps, {inputCount} were given");
    }
}
