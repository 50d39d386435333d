namespace WeightFarcast.CiIntegration;

/// <summary>
/// The canonical compiler-style line <c>file(line,col): error: title: message</c>, which editors and most
/// CI log viewers recognise. Multi-line messages stay on one line so the line remains one issue.
/// </summary>
internal static class PlainIssueFormat
{
    public static string Format(CiIssue issue)
    {
        var location = issue.File is null ? "" : issue.File + Position(issue.Line, issue.Column) + ": ";
        var kind = issue.Severity == IssueSeverity.Error ? "error" : "warning";
        var title = string.IsNullOrEmpty(issue.Title) ? "" : issue.Title + ": ";
        return $"{location}{kind}: {title}{OneLine(issue.Message)}";
    }

    private static string Position(int? line, int? column) => (line, column) switch
    {
        (int l, int c) => $"({l},{c})",
        (int l, null) => $"({l})",
        _ => "",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
