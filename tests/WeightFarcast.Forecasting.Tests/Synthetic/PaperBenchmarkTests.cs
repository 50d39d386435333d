using System.Text.Json;
using WeightFarcast.Forecasting.Synthetic;

namespace WeightFarcast.Forecasting.Tests.Synthetic;

public class PaperBenchmarkTests
{
    [Fact]
    public void Protocol_rows_follow_the_paper_split_and_targets()
    {
        var trajectories = PaperDatasets.Generate(SyntheticDataset.LeastSquares3dGd, 1);
        var split = PaperProtocol.FittingRows(trajectories, InputScheme.Introspection);
        Assert.Equal(300, split.Train.Rows);        // 100 runs × 3 coordinates
        Assert.Equal(150, split.Validation.Rows);   // 50 runs × 3
        Assert.Equal([0, 8, 14, 20], split.Train.InputSteps);
        Assert.Equal(Enumerable.Range(21, 180), split.Train.HorizonSteps);
        Assert.Equal(150, PaperProtocol.TestColumn(trajectories, 40).Length);

        // Row 4 = run 1, coordinate 1.
        Assert.Equal((float)trajectories[1, 14, 1], split.Train.Inputs[4 * 4 + 2]);
        Assert.Equal((float)trajectories[1, 200, 1], split.Train.Targets[4 * 180 + 179]);
        Assert.Equal((float)(trajectories[1, 1, 1] - trajectories[1, 0, 1]), split.Train.FirstStepDelta![4]);
        Assert.All(split.Validation.RunIndex, r => Assert.InRange(r, 100, 149));
    }

    [Fact]
    public void Benchmark_scores_every_method_and_writes_markdown_and_json()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wf-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = PaperBenchmark.Run(new PaperBenchmarkOptions
            {
                Samples = 1,
                Datasets = [SyntheticDataset.LeastSquares3dGd],
                AblationLambdas = [0.0],
                OutputDirectory = directory,
                Command = "test",
                Notes = "a finding",
            });

            var dataset = result["LS-3d-GD"];
            Assert.Equal(PaperMethod.All.Select(m => m.Label), dataset.Methods.Select(m => m.Method));
            Assert.Equal([0.0, 1e-4], dataset.RegularizerAblation.Select(a => a.Lambda));
            Assert.All(dataset.Methods, m => Assert.Equal(9, m.MeanMse.Count));
            var persistence = dataset.Methods[0];
            var lfd2 = dataset.Methods.Single(m => m.Method == PaperMethod.Lfd2.Label);
            Assert.True(lfd2.MeanMse[3] * 10 < persistence.MeanMse[3]); // t = 100
            Assert.All(dataset.Methods, m => Assert.Equal(0, m.StdMse[0])); // one sample: no spread

            var markdown = File.ReadAllText(Path.Combine(directory, PaperBenchmark.MarkdownFileName));
            Assert.Contains("## LS-3d-GD", markdown);
            Assert.Contains("| LS-3d-GD | persistence |", markdown);
            Assert.Contains("a finding", markdown);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, PaperBenchmark.JsonFileName)));
            Assert.Equal(1, json.RootElement.GetProperty("samples").GetInt32());
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }
}
