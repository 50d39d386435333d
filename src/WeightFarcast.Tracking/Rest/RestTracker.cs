namespace WeightFarcast.Tracking;

/// <summary>Tracks runs on an MLflow tracking server through <see cref="MlflowRestClient"/>.</summary>
public sealed class RestTracker(MlflowRestClient client, TrackingOptions options, TrackingEnvironment environment) : ITracker
{
    public MlflowRestClient Client { get; } = client;

    public async Task<ITrackingRun> StartRunAsync(RunStart start, CancellationToken ct)
    {
        var runName = StandardRunTags.ResolveRunName(start);
        var user = options.User ?? Environment.UserName;
        var tags = StandardRunTags.For(start, runName, user, options.SourceName);
        MlflowNameRules.ValidateKeys(tags.Keys, "tag");

        var experimentId = await Client.GetOrCreateExperimentAsync(start.Experiment, ct).ConfigureAwait(false);
        var info = await Client.CreateRunAsync(experimentId, runName, start.StartTime.ToUnixTimeMilliseconds(), user, tags, ct).ConfigureAwait(false);
        return new RestTrackingRun(Client, info, options, environment);
    }
}
