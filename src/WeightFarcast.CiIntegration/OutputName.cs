using System.Text.RegularExpressions;

namespace WeightFarcast.CiIntegration;

/// <summary>
/// Output names both CI systems accept unchanged and that YAML can reference as
/// <c>steps.id.outputs.name</c> / <c>$(step.name)</c> without quoting.
/// </summary>
internal static partial class OutputName
{
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Pattern().IsMatch(name))
            throw new ArgumentException($"Output name '{name}' must start with a letter or '_' and hold only letters, digits, '_', '-' or '.'.", nameof(name));
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex Pattern();
}
