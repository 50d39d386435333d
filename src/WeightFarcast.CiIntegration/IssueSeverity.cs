namespace WeightFarcast.CiIntegration;

internal enum IssueSeverity
{
    Error,
    Warning,
}
