using System.Runtime.InteropServices;
using WeightFarcast.Checkpoints.Statistics;
using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Evaluation;
using WeightFarcast.Job.Fitting;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Applying;

/// <summary>
/// One worker's buffers and the work on one chunk: read the inputs, check them, forecast every horizon, write it and,
/// where the actual exists, accumulate the errors of the forecast and both baselines. Buffers are sized once for the
/// largest chunk and reused, so a worker's memory is fixed whatever the tensor count, tensor sizes or horizons
/// (about 4 MiB per input, plus 4 MiB each for the forecast and output conversion; three more when backtesting).
/// </summary>
internal sealed class ChunkWorker
{
    private readonly JobPlan _plan;
    private readonly ForecasterSet _forecasters;
    private readonly ApplyStreams _streams;
    private readonly BacktestPartials? _partials;
    private readonly NonFinitePolicy _nanPolicy;
    private readonly int _capacity;
    private readonly float[]?[] _inputs;
    private readonly ReadOnlyMemory<float>[] _inputChunks;
    private float[]? _forecast, _first, _last, _actual, _baseline;
    private byte[]? _bytes;

    public ChunkWorker(JobPlan plan, ForecasterSet forecasters, ApplyStreams streams, BacktestPartials? partials, NonFinitePolicy nanPolicy, int chunkElements)
    {
        _plan = plan;
        _forecasters = forecasters;
        _streams = streams;
        _partials = partials;
        _nanPolicy = nanPolicy;
        _capacity = chunkElements;
        _inputs = new float[streams.Inputs.Count][];
        _inputChunks = new ReadOnlyMemory<float>[streams.Inputs.Count];
    }

    /// <summary>Processes chunk <paramref name="index"/> and returns the bytes it read (as counted in <see cref="ApplyResult.BytesRead"/>).</summary>
    public long Process(ApplyChunk chunk, int index) =>
        chunk.Forecast ? Forecast(chunk, index) : Carry(chunk);

    private long Forecast(ApplyChunk chunk, int index)
    {
        var tensor = _plan.Tensors[chunk.TensorIndex];
        var forecaster = _forecasters.For(tensor.Name);
        var n = chunk.Length;
        long read = 0;
        for (var j = 0; j < _streams.Inputs.Count; j++)
        {
            var array = Buffer(ref _inputs[j]);
            var buffer = array.AsSpan(0, n);
            _streams.Inputs[j].ReadSingles(tensor.Name, chunk.Offset, buffer);
            NonFiniteChunkCheck.Check(buffer, _streams.Inputs[j].Path, tensor.Name, _nanPolicy);
            _inputChunks[j] = array.AsMemory(0, n);
            read += n * (long)tensor.DType.ElementSize();
        }
        ReadOnlySpan<float> first = default, last = default;
        if (_streams.Backtesting)
        {
            first = Baseline(_streams.InitialInput, _streams.Initial, ref _first, tensor.Name, chunk.Offset, n);
            last = Baseline(_streams.ObservedInput, _streams.Observed, ref _last, tensor.Name, chunk.Offset, n);
        }
        var forecast = Buffer(ref _forecast).AsSpan(0, n);
        var output = _streams.OutputTensors[chunk.TensorIndex];
        for (var i = 0; i < _plan.Horizons.Count; i++)
        {
            var horizon = _plan.Horizons[i];
            forecaster.Apply(forecaster.HorizonIndex(horizon), _inputChunks, forecast);
            Write(_streams.Outputs[i], output, chunk.Offset, forecast);
            if (_streams.Actuals[i] is not { } truth)
                continue;
            var actual = Buffer(ref _actual).AsSpan(0, n);
            truth.ReadSingles(tensor.Name, chunk.Offset, actual);
            read += n * (long)tensor.DType.ElementSize();
            var errors = new ChunkErrors(new ErrorAccumulator(), new ErrorAccumulator(), new ErrorAccumulator());
            errors.Forecast.Add(forecast, actual);
            errors.Persistence.Add(last, actual);
            var baseline = Buffer(ref _baseline).AsSpan(0, n);
            Baselines.LinearExtrapolation(first, _plan.InitialStep, last, _plan.ObservedStep, horizon, baseline);
            errors.LinearExtrapolation.Add(baseline, actual);
            _partials!.Set(index, i, errors);
        }
        return read;
    }

    /// <summary>Integer tensors (step counters, buffers) are copied from w_n unchanged, never forecast.</summary>
    private long Carry(ApplyChunk chunk)
    {
        var tensor = _plan.Tensors[chunk.TensorIndex];
        var bytes = Bytes(chunk.Length);
        _streams.Observed.ReadBytes(tensor.Name, chunk.Offset, bytes);
        foreach (var output in _streams.Outputs)
            output.WriteBytes(tensor.Name, chunk.Offset, bytes);
        return chunk.Length;
    }

    private ReadOnlySpan<float> Baseline(int inputIndex, Checkpoints.Reading.ICheckpointReader reader, ref float[]? own, string tensor, long offset, int n)
    {
        if (inputIndex >= 0)
            return _inputs[inputIndex]!.AsSpan(0, n);
        var buffer = Buffer(ref own).AsSpan(0, n);
        reader.ReadSingles(tensor, offset, buffer);
        return buffer;
    }

    /// <summary>F32 goes out as-is (no copy); other float dtypes are converted into this worker's byte buffer.</summary>
    private void Write(ICheckpointWriter writer, TensorInfo tensor, long elementOffset, ReadOnlySpan<float> values)
    {
        if (tensor.DType == DType.F32)
        {
            writer.WriteBytes(tensor.Name, elementOffset * sizeof(float), MemoryMarshal.AsBytes(values));
            return;
        }
        var size = tensor.DType.ElementSize();
        var bytes = Bytes(values.Length * size);
        DTypeConversion.FromSingle(values, tensor.DType, bytes);
        writer.WriteBytes(tensor.Name, elementOffset * size, bytes);
    }

    private float[] Buffer(ref float[]? buffer) => buffer ??= new float[_capacity];

    // Large enough for a carried chunk (4 bytes per chunk element) and for F64 output (8).
    private Span<byte> Bytes(int length)
    {
        _bytes ??= new byte[Math.Max(length, _capacity * 4)];
        if (_bytes.Length < length)
            _bytes = new byte[length];
        return _bytes.AsSpan(0, length);
    }
}
