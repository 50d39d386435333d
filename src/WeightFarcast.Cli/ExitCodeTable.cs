using System.ComponentModel;
using System.Reflection;

namespace WeightFarcast.Cli;

/// <summary>Renders <see cref="ExitCode"/> for `--help` and the README (a test keeps the README in step).</summary>
public static class ExitCodeTable
{
    public static IEnumerable<(int Code, string Name, string Meaning)> Rows() =>
        Enum.GetValues<ExitCode>().Select(c => ((int)c, c.ToString(),
            typeof(ExitCode).GetField(c.ToString())!.GetCustomAttribute<DescriptionAttribute>()!.Description));

    public static string PlainText() => string.Join("\n", Rows().Select(r => $"  {r.Code,3}  {r.Name}: {r.Meaning}"));

    public static string Markdown() =>
        "| code | name | meaning |\n|---|---|---|\n" + string.Join("\n", Rows().Select(r => $"| {r.Code} | `{r.Name}` | {r.Meaning} |")) + "\n";
}
