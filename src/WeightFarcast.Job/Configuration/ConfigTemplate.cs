using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace WeightFarcast.Job.Configuration;

/// <summary>Writes a commented farcast.yaml for `init`: every key with its default (or the sample value) and its
/// description, generated from the configuration types so the template can never drift from the loader.</summary>
public static class ConfigTemplate
{
    public const string SchemaFileName = "farcast.schema.json";

    /// <summary>The sample users start from: the fields that have no default filled with a typical layout.</summary>
    public static FarcastConfig Sample() => new()
    {
        Target = new TargetConfig { Checkpoints = "runs/target/step-{step}.safetensors", InitialStep = 0, ObservedStep = 200 },
        Reference = ["runs/seed-11/step-{step}.safetensors", "runs/seed-12/step-{step}.safetensors"],
        Horizons = [400, 1000, 2000],
    };

    public static string Render(FarcastConfig config)
    {
        var builder = new StringBuilder();
        builder.Append("# yaml-language-server: $schema=./").Append(SchemaFileName).Append('\n');
        builder.Append("# WeightFarcast job. Only target, reference (none with forecaster.source: self) and horizons are required; the rest shows the defaults.\n");
        WriteObject(builder, config, 0);
        return builder.ToString();
    }

    private static void WriteObject(StringBuilder builder, object value, int indent)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var pad = new string(' ', indent);
            var key = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            if (property.GetCustomAttribute<DescriptionAttribute>()?.Description is { } description)
                builder.Append(pad).Append("# ").Append(description).Append('\n');
            var child = property.GetValue(value);
            if (child is not null && IsSection(child.GetType()))
            {
                builder.Append(pad).Append(key).Append(":\n");
                WriteObject(builder, child, indent + 2);
            }
            else if (child is IList list && list.Count > 0 && list.Cast<object>().Any(i => Scalar(i).Length > 40))
            {
                builder.Append(pad).Append(key).Append(":\n");
                foreach (var item in list)
                    builder.Append(pad).Append("  - ").Append(Scalar(item)).Append('\n');
            }
            else
            {
                builder.Append(pad).Append(key).Append(": ").Append(Scalar(child)).Append('\n');
            }
        }
    }

    private static bool IsSection(Type type) => type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => Quote(s),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IList list => "[" + string.Join(", ", list.Cast<object>().Select(Scalar)) + "]",
        _ => Quote(value.ToString() ?? ""),
    };

    // Plain only when no YAML indicator could change its meaning (a {step} inside [..] would start a mapping).
    private static string Quote(string s)
    {
        var plain = s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '_' or '-')
            && !s.StartsWith('-') && s is not ("null" or "true" or "false" or "yes" or "no" or "on" or "off" or "~");
        return plain ? s : "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
