namespace WeightFarcast.Tracking.Tests.Support;

/// <summary>A fact that runs only against a real MLflow server named by WEIGHTFARCAST_TEST_MLFLOW_URI; otherwise it is reported as skipped.</summary>
public sealed class MlflowServerFactAttribute : FactAttribute
{
    public const string Variable = "WEIGHTFARCAST_TEST_MLFLOW_URI";

    public MlflowServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(System.Environment.GetEnvironmentVariable(Variable)))
            Skip = $"Set {Variable} to an MLflow tracking server URL to run this test.";
    }

    public static string Uri => System.Environment.GetEnvironmentVariable(Variable)!;
}
