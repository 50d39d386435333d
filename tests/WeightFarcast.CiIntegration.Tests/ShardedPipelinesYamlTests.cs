namespace WeightFarcast.CiIntegration.Tests;

/// <summary>The sharded examples run every shard index exactly once with the right N, and merge after all of them.</summary>
public class ShardedPipelinesYamlTests
{
    [Fact]
    public void GitHub_matrix_covers_every_shard_index_and_merge_waits_for_all()
    {
        var workflow = PipelineYaml.Load("github/example-sharded-workflow.yml");
        var shards = int.Parse(PipelineYaml.Text(PipelineYaml.Get(workflow, "env"), "SHARDS"), System.Globalization.CultureInfo.InvariantCulture);
        var jobs = PipelineYaml.Get(workflow, "jobs");
        var matrix = PipelineYaml.Get(PipelineYaml.Get(PipelineYaml.Get(jobs, "shard"), "strategy"), "matrix");

        Assert.Equal(Enumerable.Range(0, shards).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), PipelineYaml.Scalars(PipelineYaml.Get(matrix, "index")));
        Assert.Contains(PipelineYaml.Scalars(PipelineYaml.Get(jobs, "shard")), s => s.Contains("--shard \"${{ matrix.index }}/$SHARDS\"", StringComparison.Ordinal));
        Assert.Equal("shard", PipelineYaml.Text(PipelineYaml.Get(jobs, "merge"), "needs"));
        Assert.Contains(PipelineYaml.Scalars(PipelineYaml.Get(jobs, "merge")), s => s == "weightfarcast merge --config farcast.yaml");
    }

    [Fact]
    public void Azure_parallel_jobs_take_their_shard_from_the_job_position()
    {
        var pipeline = PipelineYaml.Load("azure/example-sharded-pipeline.yml");
        var jobs = PipelineYaml.Items(PipelineYaml.Items(pipeline, "stages").Single(), "jobs");
        var shard = jobs.Single(j => PipelineYaml.TextOrNull(j, "job") == "shard");

        Assert.NotNull(PipelineYaml.TextOrNull(PipelineYaml.Get(shard, "strategy"), "parallel"));
        var script = string.Join("\n", PipelineYaml.Scalars(shard));
        Assert.Contains("$(System.JobPositionInPhase) - 1", script, StringComparison.Ordinal);
        Assert.Contains("--shard \"$index/$(System.TotalJobsInPhase)\"", script, StringComparison.Ordinal);
        var merge = jobs.Single(j => PipelineYaml.TextOrNull(j, "job") == "merge");
        Assert.Equal("shard", PipelineYaml.Text(merge, "dependsOn"));
        Assert.Contains(PipelineYaml.Scalars(merge), s => s == "weightfarcast merge --config farcast.yaml");
    }

    [Fact]
    public void Kubernetes_indexed_job_gives_every_pod_the_shard_count_it_runs()
    {
        var job = PipelineYaml.Load("kubernetes/farcast-indexed-job.yaml");
        var spec = PipelineYaml.Get(job, "spec");

        Assert.Equal("Indexed", PipelineYaml.Text(spec, "completionMode"));
        var container = PipelineYaml.Items(PipelineYaml.Get(PipelineYaml.Get(spec, "template"), "spec"), "containers").Single();
        var shards = PipelineYaml.Items(container, "env").Single(e => PipelineYaml.Text(e, "name") == "WEIGHTFARCAST_SHARDS");
        Assert.Equal(PipelineYaml.Text(spec, "completions"), PipelineYaml.Text(shards, "value"));
        Assert.Equal(["weightfarcast", "run", "--config", "/data/farcast.yaml"], PipelineYaml.Scalars(PipelineYaml.Get(container, "command")));
    }
}
