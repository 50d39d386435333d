using WeightFarcast.Forecasting.Synthetic;

namespace WeightFarcast.Forecasting.Tests;

public class ForecasterTrainerTests
{
    private sealed class Recorder : IProgress<EpochProgress>
    {
        public List<EpochProgress> Reports { get; } = [];
        public void Report(EpochProgress value) => Reports.Add(value);
    }

    // One input, one horizon: train on y = 2x, validate on y = x, so validation improves then worsens as the slope passes 1.
    private static TrainValidationSplit DivergingSplit()
    {
        var random = new SeededRandom(11);
        var x = Enumerable.Range(0, 64).Select(_ => (float)random.NextGaussian()).ToArray();
        FitData Rows(float slope) => new([20], 20, [40], x, x.Select(v => slope * v).ToArray(), new int[x.Length]);
        return new TrainValidationSplit(Rows(2f), Rows(1f));
    }

    private static readonly Lazy<WeightTrajectories> LeastSquares = new(() => PaperDatasets.Generate(SyntheticDataset.LeastSquares3dGd, 1));

    [Fact]
    public void Early_stopping_stops_after_patience_and_restores_the_best_epoch()
    {
        var split = DivergingSplit();
        var recorder = new Recorder();
        var fit = ForecasterTrainer.Fit(split, new FitOptions { LearningRate = 0.05, Patience = 4, BatchSize = 1, Regularizer = StepRegularizer.None }, recorder);

        var forecaster = fit.Forecaster;
        Assert.True(fit.StoppedEarly);
        Assert.Equal(forecaster.BestEpoch + 4, forecaster.Epochs);
        Assert.Equal(fit.History, recorder.Reports);
        var best = fit.History.MinBy(e => e.ValidationLoss);
        Assert.Equal(best.Epoch, forecaster.BestEpoch);
        Assert.Equal(best.ValidationLoss, forecaster.BestValidationLoss);
        Assert.True(fit.History[^1].ValidationLoss > forecaster.BestValidationLoss);

        // The kept coefficients reproduce the best validation loss, not the last epoch's.
        var output = new float[split.Validation.Rows];
        forecaster.Apply(0, split.Validation.Inputs, output);
        var mae = output.Zip(split.Validation.Targets, (p, t) => Math.Abs(p - t)).Average();
        Assert.Equal(forecaster.BestValidationLoss, mae, 5);
    }

    [Fact]
    public void Persistence_init_starts_at_w_n_and_stays_there_when_the_data_say_nothing_moves()
    {
        // Two inputs (w_0, w_n), two horizons; every target equals w_n, so persistence is the exact answer.
        var random = new SeededRandom(5);
        var rows = 4096;
        var inputs = Enumerable.Range(0, 2 * rows).Select(_ => (float)(0.05 * random.NextGaussian())).ToArray();
        var targets = Enumerable.Range(0, rows).SelectMany(r => new[] { inputs[2 * r + 1], inputs[2 * r + 1] }).ToArray();
        var data = new FitData([0, 100], 100, [200, 400], inputs, targets, Enumerable.Range(0, rows).Select(r => r / 1024).ToArray());
        var split = TrainValidationSplit.ByRowFraction(data, 0.25, 1);

        var (weights, bias) = ForecasterTrainer.PersistenceInit(data.InputSteps, data.ObservedStep, data.HorizonCount);
        Assert.Equal(new float[] { 0, 1, 0, 1 }, weights); // [H × k]: coefficient 1 on w_n for each horizon
        Assert.Equal(new float[2], bias);

        var fitted = ForecasterTrainer.Fit(split, new FitOptions { Init = MapInit.Persistence, Regularizer = StepRegularizer.None }).Forecaster;
        var uniform = ForecasterTrainer.Fit(split, new FitOptions { Init = MapInit.Uniform, Regularizer = StepRegularizer.None }).Forecaster;
        // Started at the answer, it stays within Adam's step noise of it; the paper's uniform start ends measurably further off.
        Assert.True(fitted.BestValidationLoss < 1e-3, $"validation L1 {fitted.BestValidationLoss}");
        Assert.True(fitted.BestValidationLoss < uniform.BestValidationLoss, $"persistence start {fitted.BestValidationLoss}, uniform {uniform.BestValidationLoss}");
        for (var h = 0; h < 2; h++)
            Assert.InRange(fitted.Coefficient(1, h), 0.95f, 1.05f);
    }

    [Fact]
    public void Persistence_init_keeps_the_start_when_no_epoch_beats_it_on_validation()
    {
        // Two inputs (w_0, w_n), two horizons. Validation targets equal w_n, so persistence is exact there; training targets
        // carry noise (at an exact fit L1 has no gradient), and a learning rate of 0.5 throws every epoch away from it.
        var random = new SeededRandom(7);
        var rows = 2048;
        FitData Rows(double noise)
        {
            var inputs = Enumerable.Range(0, 2 * rows).Select(_ => (float)random.NextGaussian()).ToArray();
            var targets = Enumerable.Range(0, 2 * rows).Select(i => inputs[2 * (i / 2) + 1] + (float)(noise * random.NextGaussian())).ToArray();
            return new FitData([0, 100], 100, [200, 400], inputs, targets, Enumerable.Range(0, rows).Select(r => r / 1024).ToArray());
        }
        var split = new TrainValidationSplit(Rows(0.1), Rows(0));

        var fit = ForecasterTrainer.Fit(split, new FitOptions { Init = MapInit.Persistence, LearningRate = 0.5, Patience = 3, Regularizer = StepRegularizer.None });

        var forecaster = fit.Forecaster;
        Assert.All(fit.History, e => Assert.True(e.ValidationLoss > 0, $"epoch {e.Epoch}: validation L1 {e.ValidationLoss}"));
        Assert.Equal(new float[] { 0, 0, 1, 1 }, forecaster.Coefficients); // [k × H]: w_0 -> 0, w_n -> 1 for each horizon
        Assert.Equal(new float[2], forecaster.Bias);
        Assert.Equal(0, forecaster.BestEpoch);
        Assert.Equal(0.0, forecaster.BestValidationLoss); // the start's validation L1: exact
        Assert.InRange(forecaster.BestTrainLoss, 0.05, 0.1); // the start's training L1: the noise's mean |.| (0.1·√(2/π) ≈ 0.08)
        Assert.True(fit.StoppedEarly);
        // Early stopping counts from the best trained epoch; only at the end does the start win.
        Assert.Equal(fit.History.MinBy(e => e.ValidationLoss)!.Epoch + 3, forecaster.Epochs);
    }

    [Fact]
    public void Persistence_init_keeps_a_trained_epoch_when_training_beats_the_start()
    {
        // One input w_n, one horizon, targets 2·w_n in training and validation: persistence (slope 1) is off by |w_n|.
        var random = new SeededRandom(13);
        var x = Enumerable.Range(0, 256).Select(_ => (float)random.NextGaussian()).ToArray();
        FitData Rows() => new([20], 20, [40], x, x.Select(v => 2 * v).ToArray(), new int[x.Length]);
        var start = x.Average(v => Math.Abs((double)v));

        var fit = ForecasterTrainer.Fit(new TrainValidationSplit(Rows(), Rows()),
            new FitOptions { Init = MapInit.Persistence, LearningRate = 0.05, BatchSize = 1, MaxEpochs = 30, Regularizer = StepRegularizer.None });

        Assert.True(fit.Forecaster.BestEpoch > 0, $"best epoch {fit.Forecaster.BestEpoch}");
        Assert.True(fit.Forecaster.BestValidationLoss < start / 2, $"validation L1 {fit.Forecaster.BestValidationLoss}, start {start}");
        Assert.Equal(fit.History[fit.Forecaster.BestEpoch - 1].TrainLoss, fit.Forecaster.BestTrainLoss);
    }

    [Fact]
    public void Persistence_init_uses_the_latest_input_when_w_n_is_not_an_input() =>
        Assert.Equal(new float[] { 0, 0, 1 }, ForecasterTrainer.PersistenceInit([10, 20, 30], 40, 1).Weights);

    [Fact]
    public void Same_data_and_seed_give_bit_identical_coefficients()
    {
        var split = PaperProtocol.FittingRows(LeastSquares.Value, InputScheme.Lfd2);
        var options = new FitOptions { MaxEpochs = 25, Regularizer = new StepRegularizer(1e-4), Seed = 3 };
        var first = ForecasterTrainer.Fit(split, options).Forecaster;
        var second = ForecasterTrainer.Fit(split, options).Forecaster;
        var otherSeed = ForecasterTrainer.Fit(split, options with { Seed = 4 }).Forecaster;

        Assert.Equal(first.Coefficients, second.Coefficients);
        Assert.Equal(first.Bias, second.Bias);
        Assert.NotEqual(first.Coefficients, otherSeed.Coefficients);
    }

    [Theory]
    [InlineData(BatchUnit.Runs, 32)]
    [InlineData(BatchUnit.Rows, 64)]
    public void A_quick_fit_on_least_squares_beats_persistence_by_a_wide_margin(BatchUnit unit, int batchSize)
    {
        var trajectories = LeastSquares.Value;
        var split = PaperProtocol.FittingRows(trajectories, InputScheme.Lfd2);
        var fit = ForecasterTrainer.Fit(split, new FitOptions { BatchUnit = unit, BatchSize = batchSize, Regularizer = new StepRegularizer(1e-4) });

        var learned = PaperProtocol.TestMse(trajectories, PaperProtocol.Predictor(fit.Forecaster));
        var persistence = PaperProtocol.TestMse(trajectories, PaperProtocol.PersistencePredictor);
        var t100 = PaperProtocol.ReportedSteps.ToList().IndexOf(100);
        Assert.True(learned[t100] * 20 < persistence[t100], $"LFD-2 {learned[t100]:e2} vs persistence {persistence[t100]:e2}");
        Assert.InRange(fit.Forecaster.Coefficient(0, t100) + fit.Forecaster.Coefficient(1, t100), 0.8, 1.2); // α + β ≈ 1
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ForecasterTrainer.Fit(DivergingSplit(), cancellationToken: cancelled.Token));
    }

    [Fact]
    public void An_active_regularizer_needs_first_step_deltas()
    {
        var split = DivergingSplit();
        var twoHorizons = new FitData([20], 20, [30, 40], split.Train.Inputs, split.Train.Inputs.SelectMany(v => new[] { v, v }).ToArray(), split.Train.RunIndex);
        Assert.Throws<ArgumentException>(() => ForecasterTrainer.Fit(new TrainValidationSplit(twoHorizons, twoHorizons), new FitOptions()));
    }

    [Fact]
    public void Groups_are_fitted_independently_and_named_in_progress()
    {
        var recorder = new Recorder();
        var options = new FitOptions { LearningRate = 0.05, BatchSize = 1, MaxEpochs = 3, Regularizer = StepRegularizer.None };
        var results = GroupFitting.FitEach(new Dictionary<string, TrainValidationSplit> { ["a.weight"] = DivergingSplit(), ["b.bias"] = DivergingSplit() }, options, recorder);

        Assert.Equal(["a.weight", "b.bias"], results.Keys.Order());
        Assert.Equal(results["a.weight"].Forecaster.Coefficients, results["b.bias"].Forecaster.Coefficients); // same data, same seed
        Assert.Equal(3, recorder.Reports.Count(r => r.Group == "a.weight"));
        Assert.Equal(3, recorder.Reports.Count(r => r.Group == "b.bias"));
    }
}
