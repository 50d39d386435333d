namespace WeightFarcast.CiIntegration.Tests;

/// <summary>Environment variables as a dictionary, in the shapes the library reads them.</summary>
internal static class FakeEnvironment
{
    public static Func<string, string?> Of(IReadOnlyDictionary<string, string> variables) =>
        name => variables.TryGetValue(name, out var value) ? value : null;

    public static CiEnvironment Detect(params (string Name, string Value)[] variables) =>
        CiEnvironment.Detect(Of(variables.ToDictionary(v => v.Name, v => v.Value)));
}
