using System.CommandLine;
using System.Globalization;
using WeightFarcast.Job.Benchmarks;

namespace WeightFarcast.Cli.Commands;

/// <summary>`bench fit`: the product's fit on synthetic rows with a known linear law: seconds, epochs, recovered coefficients.</summary>
internal static class BenchFitCommand
{
    internal static Command Create(CliContext context)
    {
        var rows = new Option<int>("--rows") { Description = "Sampled rows in all (split over 5 synthetic reference runs).", DefaultValueFactory = _ => 1_000_000 };
        var horizons = new Option<int>("--horizons") { Description = "Forecast horizons fitted at once.", DefaultValueFactory = _ => 3 };
        var command = new Command("fit", "Time ForecasterFitting.Fit (default forecaster config, to early stopping) on synthetic rows whose targets follow a known linear law; print seconds, epochs and recovered vs true coefficients.")
        { rows, horizons };
        command.SetAction((parse, cancellationToken) =>
        {
            var r = parse.GetValue(rows);
            var h = parse.GetValue(horizons);
            if (r < FitBenchmark.Runs * Job.Sampling.ReferenceSampler.CoordinatesPerGroup || h < 1)
                throw new Job.Planning.JobInputException($"--rows must be at least {FitBenchmark.Runs * Job.Sampling.ReferenceSampler.CoordinatesPerGroup} and --horizons at least 1");
            var result = FitBenchmark.Run(r, h, null, cancellationToken);
            var o = context.Out;
            o.WriteLine(FormattableString.Invariant($"fit: {result.Rows:N0} rows, {result.Horizons} horizon(s), {Environment.ProcessorCount} core(s): {result.Seconds:0.00} s, {result.Epochs} epochs (best {result.BestEpoch})"));
            o.WriteLine("| horizon | coef w_0 (true) | coef w_0 | coef w_n (true) | coef w_n | bias (true) | bias |");
            o.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
            var f = result.Fitted;
            for (var i = 0; i < h; i++)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {f.HorizonSteps[i]} | {result.TrueCoefficients[i]:0.0000} | {f.Coefficient(0, i):0.0000} | {result.TrueCoefficients[h + i]:0.0000} | {f.Coefficient(1, i):0.0000} | {result.TrueBias[i]:0.0000} | {f.Bias[i]:0.0000} |"));
            }
            return Task.FromResult((int)ExitCode.Success);
        });
        return command;
    }
}
