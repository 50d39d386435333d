using WeightFarcast.Forecasting;

namespace WeightFarcast.Job;

/// <summary>How the job tells the outside world what it is doing; the CLI renders it (live on a terminal, log lines in CI).
/// Methods are called on the job's threads, synchronously: <see cref="Progress"/> during apply comes from several worker
/// threads at once, so implementations must be thread-safe.</summary>
public interface IJobObserver
{
    void Stage(string stage, string detail);

    void Epoch(EpochProgress progress);

    void Progress(string message);

    void Warning(string message);
}
