namespace WeightFarcast.CiIntegration;

/// <summary>One error or warning as the caller gave it, already masked.</summary>
internal sealed record CiIssue(IssueSeverity Severity, string Message, string? File, int? Line, int? Column, string? Title)
{
    public static CiIssue Create(IssueSeverity severity, SecretMasker masker, string message, string? file, int? line, int? column, string? title)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new CiIssue(severity, masker.Apply(message), masker.ApplyOrNull(file), line, column, masker.ApplyOrNull(title));
    }
}
