using System.Text.RegularExpressions;
using WeightFarcast.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace WeightFarcast.CiIntegration.Tests;

/// <summary>Loads the files under pipelines/ and pulls out what the checks need: keys, scalars, expressions.</summary>
internal static partial class PipelineYaml
{
    public static string Folder => Path.Combine(RepoPaths.Root, "pipelines");

    public static IEnumerable<string> AllFiles() =>
        Directory.EnumerateFiles(Folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static YamlMappingNode Load(string relativePath)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Folder, relativePath));
        stream.Load(reader);
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }

    public static YamlNode Get(YamlNode node, string key) =>
        Assert.IsType<YamlMappingNode>(node).Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? child
            : throw new Xunit.Sdk.XunitException($"missing key '{key}' at {node.Start}");

    public static YamlNode? Find(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string Text(YamlNode node, string key) => Assert.IsType<YamlScalarNode>(Get(node, key)).Value ?? "";

    public static string? TextOrNull(YamlNode node, string key) => (Find(node, key) as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Items(YamlNode node, string key) => Assert.IsType<YamlSequenceNode>(Get(node, key)).Children.ToList();

    public static IEnumerable<string> Keys(YamlNode node, string key) =>
        Assert.IsType<YamlMappingNode>(Get(node, key)).Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!);

    /// <summary>Every scalar value anywhere below the node (keys excluded).</summary>
    public static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode map => map.Children.Values.SelectMany(Scalars),
        _ => [],
    };

    /// <summary>The inside of every <c>${{ ... }}</c> template expression below the node.</summary>
    public static IEnumerable<string> Expressions(YamlNode node) =>
        Scalars(node).SelectMany(s => ExpressionPattern().Matches(s).Select(m => m.Groups[1].Value));

    /// <summary>The names used as <c>prefix.name</c> inside template expressions, e.g. inputs.config -> config.</summary>
    public static ISet<string> Referenced(YamlNode node, string prefix) =>
        Expressions(node)
            .SelectMany(e => Regex.Matches(e, $@"(?<![\w.-]){Regex.Escape(prefix)}\.([A-Za-z_][A-Za-z0-9_-]*)").Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\$\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex ExpressionPattern();
}
