using WeightFarcast.Tracking.Tests.Fakes;

namespace WeightFarcast.Tracking.Tests.Support;

/// <summary>Base for tests that talk to a fresh fake MLflow server with recorded delays and warnings.</summary>
public abstract class FakeServerTest : IAsyncLifetime
{
    protected FakeMlflowServer Server { get; } = new();

    protected TestTracking Tracking { get; } = new();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Server.DisposeAsync();
}
