namespace WeightFarcast.Job;

/// <summary>
/// Reports on the caller's thread, in order, before Report returns. Progress&lt;T&gt; posts each report to the thread
/// pool when there is no synchronization context (always, here): lines came out of order, and the last fit epochs
/// could arrive after the job had returned.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
