using System.Diagnostics;
using TorchSharp;
using WeightFarcast.TorchRuntime;
using WeightFarcast.TorchRuntime.Optimizers;
using static TorchSharp.torch;

namespace WeightFarcast.Forecasting;

/// <summary>
/// Fits one affine map (method.md sections 2, 3, 5): Adam on L1 + lambda·L_grad, mini-batches, early stopping on
/// validation L1 with the best epoch restored. Runs synchronously on the calling thread (torch dispose scopes are
/// thread-static).
/// </summary>
public static class ForecasterTrainer
{
    public static FitResult Fit(
        TrainValidationSplit data,
        FitOptions? options = null,
        IProgress<EpochProgress>? progress = null,
        CancellationToken cancellationToken = default,
        string? group = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new FitOptions();
        options.Validate();
        var (train, validation) = (data.Train, data.Validation);
        CheckCompatible(train, validation);
        var regularize = options.Regularizer.IsActive && train.HorizonCount > 1;
        if (regularize && train.FirstStepDelta is null)
            throw new ArgumentException("the regularizer is active but the training rows carry no first-step deltas");

        TorchEnvironment.EnsureLoaded();
        var device = TorchEnvironment.SelectDevice(options.Device);
        if (options.IntraOpThreads is { } threads)
            set_num_threads(threads);
        var clock = Stopwatch.StartNew();
        var random = new SeededRandom(options.Seed);
        var plan = new BatchPlan(train.RunIndex, options.BatchUnit, options.BatchSize);
        int k = train.InputCount, h = train.HorizonCount;

        using var scope = NewDisposeScope();
        var x = Matrix(train.Inputs, k, device);
        var y = Matrix(train.Targets, h, device);
        var firstDelta = tensor(train.FirstStepDelta ?? new float[train.Rows], device: device);
        var groups = tensor(plan.GroupOfRow, device: device);
        var xValidation = Matrix(validation.Inputs, k, device);
        var yValidation = Matrix(validation.Targets, h, device);

        var (initialWeights, initialBias) = options.Init == MapInit.Persistence
            ? PersistenceInit(train.InputSteps, train.ObservedStep, h)
            : DefaultLinearInit(random, k, h);
        var weights = nn.Parameter(Matrix(initialWeights, k, device));
        var bias = nn.Parameter(tensor(initialBias, device: device));
        using var optimizer = new StableAdam([weights, bias], options.LearningRate);
        using var scalars = new KeptScalars();
        using var penalty = new StepLengthPenalty(options.Regularizer, train.HorizonSteps, train.FirstStepGap, plan.GroupCount, device, scalars);

        var history = new List<EpochProgress>();
        // From the persistence start the kept map is never worse on validation than the start, but early stopping still
        // counts from the trained epochs: Adam's first epochs often overshoot the start and need more than `patience`
        // epochs to come back below it (counting from the start stopped most digits-CNN fits at persistence).
        var start = (Loss: options.Init == MapInit.Persistence
            ? MeanAbsoluteError(xValidation, yValidation, weights, bias, options.EvaluationChunkRows, scalars)
            : double.PositiveInfinity, Weights: weights.detach().clone(), Bias: bias.detach().clone());
        var best = (Loss: double.PositiveInfinity, Epoch: 0, Weights: weights.detach().clone(), Bias: bias.detach().clone());
        var sinceImprovement = 0;
        var stoppedEarly = false;
        for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (trainLoss, trainRegularizer) = RunEpoch(plan.NextEpoch(random));
            var validationLoss = MeanAbsoluteError(xValidation, yValidation, weights, bias, options.EvaluationChunkRows, scalars);
            var improved = validationLoss < best.Loss;
            if (improved)
            {
                best.Weights.Dispose();
                best.Bias.Dispose();
                best = (validationLoss, epoch, weights.detach().clone(), bias.detach().clone());
                sinceImprovement = 0;
            }
            else
            {
                sinceImprovement++;
            }
            var record = new EpochProgress(group, epoch, trainLoss, trainRegularizer, validationLoss, best.Loss, improved);
            history.Add(record);
            progress?.Report(record);
            if (sinceImprovement >= options.Patience)
            {
                stoppedEarly = true;
                break;
            }
        }

        if (start.Loss <= best.Loss)
        {
            best.Weights.Dispose();
            best.Bias.Dispose();
            best = (start.Loss, 0, start.Weights, start.Bias); // no trained epoch beat the start
        }

        var forecaster = new FittedForecaster
        {
            InputSteps = train.InputSteps,
            ObservedStep = train.ObservedStep,
            HorizonSteps = train.HorizonSteps,
            Coefficients = best.Weights.t().contiguous().cpu().data<float>().ToArray(),
            Bias = best.Bias.cpu().data<float>().ToArray(),
            Lambda = options.Regularizer.Lambda,
            Seed = options.Seed,
            Epochs = history.Count,
            BestEpoch = best.Epoch,
            BestTrainLoss = best.Epoch > 0
                ? history[best.Epoch - 1].TrainLoss
                : MeanAbsoluteError(x, y, best.Weights, best.Bias, options.EvaluationChunkRows, scalars), // the start was kept
            BestValidationLoss = best.Loss,
        };
        return new FitResult(forecaster, history, stoppedEarly, clock.Elapsed);

        (double Loss, double Regularizer) RunEpoch((long[] Order, int[] BatchEnds) epochPlan)
        {
            using var epochScope = NewDisposeScope();
            var order = tensor(epochPlan.Order, device: device);
            var (xs, ys, deltas, gs) = (x.index_select(0, order), y.index_select(0, order), firstDelta.index_select(0, order), groups.index_select(0, order));
            var lossSum = zeros([], dtype: ScalarType.Float64, device: device);
            var regularizerSum = zeros([], dtype: ScalarType.Float64, device: device);
            var start = 0;
            foreach (var end in epochPlan.BatchEnds)
            {
                using var batchScope = NewDisposeScope();
                var rows = end - start;
                var predictions = xs.narrow(0, start, rows).mm(weights.t()).add(bias, scalars.One);
                var predictionLoss = predictions.sub(ys.narrow(0, start, rows)).abs().mean();
                var loss = predictionLoss;
                if (regularize)
                {
                    var stepPenalty = penalty.Compute(predictions, deltas.narrow(0, start, rows), gs.narrow(0, start, rows));
                    loss = predictionLoss.add(stepPenalty, scalars[options.Regularizer.Lambda]);
                    regularizerSum.add_(stepPenalty.detach().to_type(ScalarType.Float64), scalars.One);
                }
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step();
                lossSum.add_(predictionLoss.detach().to_type(ScalarType.Float64), scalars[rows]);
                start = end;
            }
            return (lossSum.item<double>() / train.Rows, regularizerSum.item<double>() / epochPlan.BatchEnds.Length);
        }
    }

    /// <summary>Mean |X·Wᵀ + b − Y| over all rows and horizons, in chunks.</summary>
    internal static double MeanAbsoluteError(Tensor x, Tensor y, Tensor weights, Tensor bias, int chunkRows, KeptScalars scalars)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var rows = x.shape[0];
        var total = 0.0;
        for (long start = 0; start < rows; start += chunkRows)
        {
            var length = Math.Min(chunkRows, rows - start);
            var error = x.narrow(0, start, length).mm(weights.t()).add(bias, scalars.One).sub(y.narrow(0, start, length));
            total += error.abs().sum(ScalarType.Float64).item<double>();
        }
        return total / (rows * y.shape[1]);
    }

    /// <summary>nn.Linear's default init: weight and bias ~ U(−1/√k, 1/√k), weight laid out [H × k].</summary>
    internal static (float[] Weights, float[] Bias) DefaultLinearInit(SeededRandom random, int inputCount, int horizonCount)
    {
        var bound = 1.0 / Math.Sqrt(inputCount);
        var weights = new float[horizonCount * inputCount];
        for (var i = 0; i < weights.Length; i++)
            weights[i] = (float)random.NextUniform(-bound, bound);
        var bias = new float[horizonCount];
        for (var i = 0; i < bias.Length; i++)
            bias[i] = (float)random.NextUniform(-bound, bound);
        return (weights, bias);
    }

    /// <summary>w_H = w_n for every horizon, laid out [H × k]; without w_n among the inputs, the latest input stands in.</summary>
    internal static (float[] Weights, float[] Bias) PersistenceInit(IReadOnlyList<int> inputSteps, int observedStep, int horizonCount)
    {
        var k = inputSteps.Count;
        var observed = inputSteps.ToList().IndexOf(observedStep);
        if (observed < 0)
            observed = k - 1;
        var weights = new float[horizonCount * k];
        for (var h = 0; h < horizonCount; h++)
            weights[h * k + observed] = 1f;
        return (weights, new float[horizonCount]);
    }

    private static Tensor Matrix(float[] values, int columns, Device device) =>
        tensor(values, device: device).reshape(values.Length / columns, columns);

    private static void CheckCompatible(FitData train, FitData validation)
    {
        if (!train.InputSteps.SequenceEqual(validation.InputSteps)
            || !train.HorizonSteps.SequenceEqual(validation.HorizonSteps)
            || train.ObservedStep != validation.ObservedStep)
            throw new ArgumentException("training and validation rows must have the same input steps, observed step and horizons");
    }
}
