namespace WeightFarcast.Job.Planning;

/// <summary>An input the job was told to use does not exist: a file, a folder, or a step of a run.</summary>
public sealed class JobInputException(string message, string? path = null, string? configPath = null) : Exception(message)
{
    public string? Path { get; } = path;

    /// <summary>The configuration field that named the input (for annotations), e.g. `target.observed_step`.</summary>
    public string? ConfigPath { get; } = configPath;
}
