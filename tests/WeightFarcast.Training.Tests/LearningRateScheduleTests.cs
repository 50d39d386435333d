namespace WeightFarcast.Training.Tests;

public class LearningRateScheduleTests
{
    private static readonly WarmupCosineSchedule Schedule = new(WarmupSteps: 10, TotalSteps: 110, MinFactor: 0.1);

    [Theory]
    [InlineData(1, 0.1)]     // warm-up: s / W
    [InlineData(5, 0.5)]
    [InlineData(10, 1.0)]    // peak at the end of warm-up
    [InlineData(35, 0.9 * 0.5 * 1.7071067811865475 + 0.1)] // a quarter into the decay: cos(π/4)
    [InlineData(60, 0.55)]   // half-way: m + (1 - m)/2
    [InlineData(110, 0.1)]   // the end: m
    [InlineData(500, 0.1)]   // stays at m afterwards
    public void Factor_follows_linear_warmup_then_cosine_decay(long step, double expected) =>
        Assert.Equal(expected, Schedule.Factor(step), 12);

    public static TheoryData<string> Optimizers => ["adamw", "adam", "sgd"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Trainer_sets_the_scheduled_rate_before_every_update(string optimizer)
    {
        // Gradient 1 makes every update move the parameter by -lr: Adam's bias-corrected m/sqrt(v) is 1 (up to eps),
        // and plain SGD (no momentum) steps by lr times the gradient.
        var values = new List<float>();
        TrajectoryTrainer.Train(
            new TrainingRunOptions
            {
                Task = new ScalarParameterTask(),
                Steps = 30,
                SaveEvery = 1,
                Optimizer = optimizer switch
                {
                    "adamw" => OptimizerSettings.AdamW(0.5, weightDecay: 0),
                    "adam" => OptimizerSettings.Adam(0.5),
                    _ => OptimizerSettings.SgdMomentum(0.5, momentum: 0),
                },
                Schedule = new WarmupCosineSchedule(WarmupSteps: 4, TotalSteps: 30, MinFactor: 0.2),
            },
            (_, w) => values.Add(w[0].Values[0]));
        var schedule = new WarmupCosineSchedule(4, 30, 0.2);
        for (var s = 1; s <= 30; s++)
            Assert.Equal(-0.5 * schedule.Factor(s), values[s] - values[s - 1], 5);
    }

    [Fact]
    public void A_continued_run_goes_on_with_the_schedule_from_its_start_step()
    {
        var values = new List<float>();
        var start = new NamedWeights([new NamedTensor("p", [1], [0f])]);
        TrajectoryTrainer.Train(
            new TrainingRunOptions
            {
                Task = new ScalarParameterTask(),
                InitialWeights = start,
                StartStep = 20,
                Steps = 3,
                SaveEvery = 1,
                Optimizer = OptimizerSettings.AdamW(0.5, weightDecay: 0),
                Schedule = new WarmupCosineSchedule(4, 30, 0.2),
            },
            (_, w) => values.Add(w[0].Values[0]));
        var schedule = new WarmupCosineSchedule(4, 30, 0.2);
        for (var i = 1; i <= 3; i++)
            Assert.Equal(-0.5 * schedule.Factor(20 + i), values[i] - values[i - 1], 5);
    }
}
