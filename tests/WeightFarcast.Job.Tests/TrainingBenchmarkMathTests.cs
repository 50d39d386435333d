using WeightFarcast.Job.Benchmarks.Training;

namespace WeightFarcast.Job.Tests;

/// <summary>The training benchmark's arithmetic: reading steps off curves, censored means and ratios, per-seed aggregation.</summary>
public class TrainingBenchmarkMathTests
{
    private static readonly LossPoint[] Curve = [new(0, 2.0), new(8, 1.0), new(16, 0.6), new(24, 0.7), new(32, 0.5)];

    [Theory]
    [InlineData(2.0, 0L)]
    [InlineData(1.5, 8L)]
    [InlineData(0.6, 16L)] // exactly equal counts as reached
    [InlineData(0.65, 16L)] // the first crossing, not the last: the bump at 24 does not move it
    [InlineData(0.55, 32L)]
    public void First_step_reaching_a_loss_is_the_first_checkpoint_at_or_below_it(double loss, long expected) =>
        Assert.Equal(expected, LossCurve.FirstStepReaching(Curve, loss));

    [Fact]
    public void A_loss_below_the_whole_curve_is_never_reached() => Assert.Null(LossCurve.FirstStepReaching(Curve, 0.49));

    [Fact]
    public void Censored_values_keep_their_direction_through_means_and_ratios()
    {
        Assert.Equal(new Estimate(2.0), Estimate.Mean([new Estimate(1), new Estimate(3)]));
        Assert.Equal(Estimate.AtLeast(2.0), Estimate.Mean([new Estimate(1), Estimate.AtLeast(3)]));
        Assert.Equal(Censoring.Mixed, Estimate.Mean([Estimate.AtMost(1), Estimate.AtLeast(3)]).Censoring);
        // Speedup = baseline steps / farcast steps: a farcast that never got there (steps >= x) gives an upper bound.
        Assert.Equal(Estimate.AtMost(0.5), Estimate.Ratio(new Estimate(96), Estimate.AtLeast(192)));
        Assert.Equal(Estimate.AtLeast(4.0), Estimate.Ratio(Estimate.AtLeast(512), new Estimate(128)));
        Assert.Equal(Censoring.Mixed, Estimate.Ratio(Estimate.AtLeast(512), Estimate.AtLeast(128)).Censoring);
        Assert.Equal("≥ 1.50", Estimate.AtLeast(1.5).Format("0.00"));
        Assert.Equal("≤ 1.50", Estimate.AtMost(1.5).Format("0.00"));
    }

    [Fact]
    public void Summary_averages_per_seed_ratios_and_censors_what_did_not_happen()
    {
        var task = TrainingBenchmarkTasks.Mlp.WithObservedStep(16); // horizons 32, 64, 128; k = 32
        var targets = new[] { Target(1, baselineSteps: 48, plainSteps: 40), Target(2, baselineSteps: 40, plainSteps: null) };
        var forecasts = new[]
        {
            Forecast(1, ForecastMethod.Global, 32, mse: 1, persistence: 4, linear: 2, loss: 0.5, effective: 48, steps: 24),
            Forecast(2, ForecastMethod.Global, 32, mse: 3, persistence: 4, linear: 12, loss: 0.7, effective: null, steps: null),
            Forecast(1, ForecastMethod.Persistence, 32, mse: 4, persistence: 4, linear: 2, loss: 0.9, effective: 16, steps: null),
            Forecast(2, ForecastMethod.Persistence, 32, mse: 4, persistence: 4, linear: 12, loss: 0.9, effective: 16, steps: null),
        };
        var cells = TrainingBenchmarkSummary.Summarize(new TaskResult(task, 100, targets, forecasts, 1));

        var global = cells.Single(c => c.Method == ForecastMethod.Global);
        Assert.Equal(2.0, global.WeightMse);
        Assert.Equal((0.25 + 0.75) / 2, global.RatioToPersistence, 12);
        Assert.Equal((0.5 + 0.25) / 2, global.RatioToLinear, 12);
        Assert.Equal(2, global.BelowObservedLoss); // 0.5 and 0.7 are both below w_n's 0.8
        Assert.Equal(Estimate.AtLeast((48 + 128) / 2.0), global.EffectiveStep); // seed 2 never reached: counted as 8n, at least
        Assert.Equal(Math.Sqrt(2 * 40.0 * 40.0), global.EffectiveStepSd, 9); // sample sd of {48, 128}
        Assert.Equal(Math.Sqrt(2 * 12.0 * 12.0), global.StepsToTargetSd!.Value, 9); // sample sd of {24, 48}
        Assert.Equal(Estimate.AtLeast((3.0 + 8.0) / 2), global.EffectiveSpeedup);
        Assert.Equal(1, global.Reached);
        Assert.Equal(Estimate.AtLeast((24 + 48) / 2.0), global.StepsToTarget); // not reached: n + k = 48, at least
        Assert.Equal(Estimate.AtMost((48.0 / 24 + 40.0 / 48) / 2), global.SpeedupVsContinuation);
        Assert.Equal(Censoring.Mixed, global.SpeedupVsPlainRun!.Value.Censoring); // seed 2: plain run never got there either
        Assert.Equal((0.25 + 0.35) / 2, global.FinalLoss!.Value, 12);

        var persistence = cells.Single(c => c.Method == ForecastMethod.Persistence);
        Assert.Null(persistence.Reached);
        Assert.Null(persistence.SpeedupVsContinuation);
        Assert.Null(persistence.FinalLoss);
        Assert.Equal(1.0, persistence.EffectiveSpeedup.Value);
    }

    [Fact]
    public void A_forecast_worse_than_w_0_has_an_effective_step_of_at_most_zero()
    {
        var task = TrainingBenchmarkTasks.Mlp.WithObservedStep(16);
        var cells = TrainingBenchmarkSummary.Summarize(new TaskResult(task, 100, [Target(1, 48, 40)],
            [Forecast(1, ForecastMethod.LinearExtrapolation, 32, mse: 9, persistence: 4, linear: 9, loss: 5.0, effective: 0, steps: null)], 1));
        Assert.Equal(Estimate.AtMost(0), cells.Single().EffectiveStep); // loss 5 is above w_0's 2: no progress at all, not "step 0"
    }

    private static TargetRunResult Target(int seed, long baselineSteps, long? plainSteps) => new()
    {
        Task = "mlp",
        TargetSeed = seed,
        ObservedStep = 16,
        ContinueSteps = 32,
        ActualCurve = [new(0, 2), new(16, 0.8)],
        BaselineCurve = [new(0, 0.8), new(32, 0.3)],
        TargetLoss = 0.3,
        BaselineStepsToTarget = baselineSteps,
        PlainStepsToTarget = plainSteps,
    };

    private static ForecastResult Forecast(int seed, ForecastMethod method, int horizon, double mse, double persistence, double linear, double loss, long? effective, long? steps) => new()
    {
        Task = "mlp",
        TargetSeed = seed,
        Method = method,
        Horizon = horizon,
        WeightMse = mse,
        PersistenceMse = persistence,
        LinearMse = linear,
        Loss = loss,
        ObservedLoss = 0.8,
        ActualLoss = 0.4,
        EffectiveStep = effective,
        StepsToTarget = steps,
        ContinueCurve = method == ForecastMethod.Persistence ? null : [new(0, loss), new(32, loss / 2)],
        FinalLoss = method == ForecastMethod.Persistence ? null : loss / 2,
    };
}
