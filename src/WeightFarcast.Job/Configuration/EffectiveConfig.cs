using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WeightFarcast.Tracking;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace WeightFarcast.Job.Configuration;

/// <summary>The configuration a job actually runs with (defaults, file, environment), in the forms users see:
/// YAML for `config show` and artifacts, flattened keys for MLflow params.</summary>
public static class EffectiveConfig
{
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    // Pattern-based redaction only (credentials inside the URI); secret values from the environment are the CLI's job.
    internal static readonly SecretRedactor UriRedactor = new([]);

    private static readonly ISerializer YamlWriter = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithIndentedSequences()
        .Build();

    /// <summary>A copy with secrets masked; the original is left alone.</summary>
    public static FarcastConfig Redacted(FarcastConfig config)
    {
        var copy = JsonSerializer.Deserialize<FarcastConfig>(JsonSerializer.Serialize(config, JsonOptions), JsonOptions)!;
        copy.Tracking.Uri = UriRedactor.Redact(copy.Tracking.Uri);
        return copy;
    }

    public static string ToYaml(FarcastConfig config) => YamlWriter.Serialize(Redacted(config));

    /// <summary>`forecaster.regularizer.lambda` = `1E-06`, lists as JSON arrays: what MLflow shows as params.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(FarcastConfig config)
    {
        var node = JsonSerializer.SerializeToNode(Redacted(config), JsonOptions)!;
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(node, "", result);
        return result;
    }

    private static void Walk(JsonNode? node, string path, IDictionary<string, string> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                    Walk(child, path.Length == 0 ? key : $"{path}.{key}", into);
                break;
            case JsonArray array:
                into[path] = array.ToJsonString();
                break;
            case null:
                into[path] = "null";
                break;
            default:
                var value = node.AsValue();
                into[path] = value.TryGetValue<double>(out var d) ? d.ToString("R", CultureInfo.InvariantCulture)
                    : value.TryGetValue<bool>(out var b) ? (b ? "true" : "false")
                    : value.ToString();
                break;
        }
    }
}
