namespace WeightFarcast.CiIntegration.Tests;

internal static class WriterLines
{
    /// <summary>The lines written so far, without the empty piece after the last line end.</summary>
    public static string[] Of(StringWriter writer)
    {
        var text = writer.ToString();
        return text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
    }
}
