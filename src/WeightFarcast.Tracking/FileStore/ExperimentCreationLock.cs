namespace WeightFarcast.Tracking;

/// <summary>
/// An exclusive lock file in the mlruns root so two processes (or runs) looking up and creating the
/// same experiment name cannot create it twice. A plain file in the root is ignored by MLflow.
/// </summary>
internal sealed class ExperimentCreationLock : IDisposable
{
    private const string FileName = ".experiments.lock";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly FileStream _stream;

    private ExperimentCreationLock(FileStream stream) => _stream = stream;

    public static async Task<ExperimentCreationLock> AcquireAsync(string root, CancellationToken ct)
    {
        var path = Path.Combine(root, FileName);
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            try
            {
                return new ExperimentCreationLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new TrackingException(TrackingFailureKind.Unavailable, $"Timed out waiting for the experiment lock '{path}': {e.Message}", inner: e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
