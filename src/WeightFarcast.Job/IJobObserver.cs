using WeightFarcast.Forecasting;

namespace WeightFarcast.Job;

/// <summary>How the job tells the outside world what it is doing; the CLI renders it (live on a terminal, log lines in CI).</summary>
public interface IJobObserver
{
    void Stage(string stage, string detail);

    void Epoch(EpochProgress progress);

    void Progress(string message);

    void Warning(string message);
}
