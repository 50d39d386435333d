using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.Statistics;
using WeightFarcast.Checkpoints.DTypes;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Forecasting;
using WeightFarcast.Job.Applying;
using WeightFarcast.Job.Fitting;
using WeightFarcast.Job.Planning;
using WeightFarcast.Job.Sampling;

namespace WeightFarcast.Job.Tests;

/// <summary>The parallel apply equals a one-worker (sequential) pass byte for byte and number for number.</summary>
public sealed class ParallelApplyTests : IDisposable
{
    private const int SmallChunk = 1000; // the 10 007-element tensor spans 11 chunks, the others 1-3
    private static readonly int[] Steps = [0, 100, 200, 300];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "wf-parallel-" + Guid.NewGuid().ToString("N"));

    private static readonly TensorInfo[] Tensors =
    [
        new("embed.weight", DType.F32, 10_007),
        new("layer.0.weight", DType.F32, 40, 50),
        new("layer.0.norm", DType.BF16, 50),
        new("layer.1.weight", DType.F16, 30, 30),
        new("step", DType.I64, 3),
        new("empty", DType.F32, 0),
        new("layer.1.bias", DType.F32, 999),
    ];

    public ParallelApplyTests() => Directory.CreateDirectory(_root);

    [Fact]
    public void Two_workers_write_the_same_bytes_and_backtest_numbers_as_one()
    {
        WriteRun(nanIn: []);
        var sequential = Apply("seq", workers: 1, SmallChunk);
        foreach (var workers in new[] { 2, 3 })
        {
            var parallel = Apply($"par{workers}", workers, SmallChunk);
            for (var h = 0; h < sequential.Horizons.Count; h++)
            {
                Assert.Equal(File.ReadAllBytes(sequential.Horizons[h].Path), File.ReadAllBytes(parallel.Horizons[h].Path));
                AssertSameBacktest(sequential.Horizons[h].Backtest, parallel.Horizons[h].Backtest);
            }
            Assert.Equal(sequential.BytesRead, parallel.BytesRead);
            Assert.Equal(sequential.BytesWritten, parallel.BytesWritten);
        }
        Assert.NotNull(sequential.Horizons[0].Backtest);  // step 200 exists
        Assert.Null(sequential.Horizons[2].Backtest);     // step 400 does not
    }

    [Fact]
    public void Chunk_size_does_not_change_the_forecast_bytes()
    {
        WriteRun(nanIn: []);
        var small = Apply("small", workers: 2, SmallChunk);
        var whole = Apply("whole", workers: 2, ForecastApplier.ChunkElements);
        for (var h = 0; h < small.Horizons.Count; h++)
            Assert.Equal(File.ReadAllBytes(whole.Horizons[h].Path), File.ReadAllBytes(small.Horizons[h].Path));
    }

    [Fact]
    public void Non_finite_inputs_fail_on_the_first_tensor_in_file_order_and_leave_no_outputs()
    {
        WriteRun(nanIn: ["layer.0.weight", "layer.1.bias"]);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var output = Path.Combine(_root, $"nan{attempt}");
            var error = Assert.Throws<CheckpointException>(() => Apply($"nan{attempt}", workers: 2, SmallChunk));
            Assert.Equal("layer.0.weight", error.TensorName);
            Assert.Empty(Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : []);
        }
        var carried = Apply("carried", workers: 2, SmallChunk, NonFinitePolicy.CarryThrough);
        Assert.True(File.Exists(carried.Horizons[0].Path));
    }

    [Fact]
    public void Cancellation_leaves_no_outputs()
    {
        WriteRun(nanIn: []);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Apply("cancelled", workers: 2, SmallChunk, cancellationToken: cancel.Token));
        var output = Path.Combine(_root, "cancelled");
        Assert.Empty(Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : []);
    }

    [Fact]
    public void Integer_tensors_are_copied_from_the_observed_step()
    {
        WriteRun(nanIn: []);
        var result = Apply("carry", workers: 2, SmallChunk);
        using var output = Checkpoints.Reading.CheckpointReader.Open(result.Horizons[0].Path);
        var bytes = new byte[24];
        output.ReadBytes("step", 0, bytes);
        Assert.Equal(new long[] { 100, 101, 102 }, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(bytes).ToArray());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, true);
        }
        catch (IOException)
        {
        }
    }

    private ApplyResult Apply(string name, int workers, int chunkElements, NonFinitePolicy nanPolicy = NonFinitePolicy.Fail, CancellationToken cancellationToken = default)
    {
        var target = new RunCheckpoints("parallel", Steps, StepPath);
        var plan = new JobPlan(target, InputScheme.Lfd2, [0, 100], 0, 100, [200, 300, 400], [], null, Tensors, CheckpointFormat.Safetensors);
        var settings = new ApplySettings(Path.Combine(_root, name), null, Backtest: true, nanPolicy, _ => new Dictionary<string, string>(), workers);
        return ForecastApplier.Run(plan, Forecasters(), settings, chunkElements, null, cancellationToken);
    }

    private static ForecasterSet Forecasters()
    {
        var map = new FittedForecaster
        {
            InputSteps = [0, 100],
            ObservedStep = 100,
            HorizonSteps = [200, 300, 400],
            Coefficients = [-0.9f, -1.7f, -2.6f, 1.9f, 2.75f, 3.5f], // row-major [input, horizon]
            Bias = [0.001f, -0.002f, 0.003f],
        };
        return new ForecasterSet(new Dictionary<string, FittedForecaster> { [ReferenceSampler.GlobalGroup] = map }, [], TimeSpan.Zero);
    }

    private string StepPath(int step) => Path.Combine(_root, "run", $"step-{step}.safetensors");

    /// <summary>A trajectory where weights drift non-linearly with the step, so forecast and baselines all have errors.</summary>
    private void WriteRun(IReadOnlyCollection<string> nanIn)
    {
        foreach (var step in Steps)
        {
            using var writer = new SafetensorsWriter(StepPath(step), Tensors);
            foreach (var tensor in Tensors)
            {
                if (!tensor.IsFloatingPoint)
                {
                    var counters = Enumerable.Range(0, (int)tensor.ElementCount).Select(i => (long)(step + i)).ToArray();
                    writer.WriteBytes(tensor.Name, 0, System.Runtime.InteropServices.MemoryMarshal.AsBytes(counters.AsSpan()));
                    continue;
                }
                var random = new Random(tensor.Name.Length * 31 + tensor.Name[^1]);
                var t = step / 100.0;
                var values = new float[tensor.ElementCount];
                for (var i = 0; i < values.Length; i++)
                    values[i] = (float)((random.NextDouble() - 0.5) * (1 + 0.3 * t) + 0.05 * t * t * random.NextDouble());
                if (step == 0 && nanIn.Contains(tensor.Name))
                    values[^1] = float.NaN;
                writer.WriteSingles(tensor.Name, 0, values);
            }
            writer.Commit();
        }
    }

    private static void AssertSameBacktest(BacktestErrors? expected, BacktestErrors? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.Equal(expected.Forecast, actual.Forecast);
        Assert.Equal(expected.Persistence, actual.Persistence);
        Assert.Equal(expected.LinearExtrapolation, actual.LinearExtrapolation);
        Assert.Equal(expected.Tensors, actual.Tensors);
    }
}
