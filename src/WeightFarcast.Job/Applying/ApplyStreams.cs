using WeightFarcast.Checkpoints;
using WeightFarcast.Checkpoints.Reading;
using WeightFarcast.Checkpoints.Writing;
using WeightFarcast.Job.Planning;

namespace WeightFarcast.Job.Applying;

/// <summary>
/// Everything one apply reads from and writes to: the input checkpoints, the baselines' w_0 and w_n, the actual
/// checkpoint per horizon (null when absent or backtesting is off) and one output per horizon. Readers and writers
/// are positional and thread-safe, so every worker shares them. Disposing removes every uncommitted output.
/// </summary>
internal sealed class ApplyStreams : IDisposable
{
    private readonly List<ICheckpointReader> _readers = [];
    private readonly List<ICheckpointWriter> _outputs = [];

    public ApplyStreams(JobPlan plan, ApplySettings settings)
    {
        try
        {
            Inputs = plan.InputSteps.Select(s => Open(plan.Target.PathFor(s))).ToList();
            Initial = Open(plan.Target.PathFor(plan.InitialStep));
            Observed = Open(plan.Target.PathFor(plan.ObservedStep));
            Actuals = plan.Horizons.Select(h => settings.Backtest && plan.Target.Has(h) ? Open(plan.Target.PathFor(h)) : null).ToList();
            // Baselines reuse an input's chunk when w_0 / w_n are inputs (LFD-2): same file, same values, no second read.
            InitialInput = IndexOf(plan.InputSteps, plan.InitialStep);
            ObservedInput = IndexOf(plan.InputSteps, plan.ObservedStep);
            OutputTensors = plan.Tensors.Select(t => t.IsFloatingPoint && settings.OutputDType is { } d ? new TensorInfo(t.Name, d, t.Shape) : t).ToList();
            foreach (var horizon in plan.Horizons)
                _outputs.Add(ForecastOutputs.Create(Observed, OutputTensors, settings.OutputDirectory, horizon, settings.Metadata(horizon)));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<ICheckpointReader> Inputs { get; } = [];

    public ICheckpointReader Initial { get; } = null!;

    public ICheckpointReader Observed { get; } = null!;

    /// <summary>Aligned with the plan's horizons.</summary>
    public IReadOnlyList<ICheckpointReader?> Actuals { get; } = [];

    /// <summary>Index of w_0 among the inputs, or -1 when it must be read separately.</summary>
    public int InitialInput { get; }

    /// <summary>Index of w_n among the inputs, or -1 when it must be read separately.</summary>
    public int ObservedInput { get; }

    public bool Backtesting => Actuals.Any(a => a is not null);

    /// <summary>The plan's tensors with the output dtype applied to float tensors.</summary>
    public IReadOnlyList<TensorInfo> OutputTensors { get; } = [];

    /// <summary>Aligned with the plan's horizons.</summary>
    public IReadOnlyList<ICheckpointWriter> Outputs => _outputs;

    public void Dispose()
    {
        foreach (var output in _outputs)
            output.Dispose(); // deletes anything not committed
        foreach (var reader in _readers)
            reader.Dispose();
    }

    private ICheckpointReader Open(string path)
    {
        var reader = CheckpointReader.Open(path);
        _readers.Add(reader);
        return reader;
    }

    private static int IndexOf(IReadOnlyList<int> steps, int step)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] == step)
                return i;
        }
        return -1;
    }
}
