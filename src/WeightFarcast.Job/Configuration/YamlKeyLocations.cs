using YamlDotNet.RepresentationModel;

namespace WeightFarcast.Job.Configuration;

/// <summary>Maps dotted config paths (`forecaster.optimizer.patience`, `horizons[1]`) to where they stand in the YAML,
/// so validation errors and CI annotations can point at a line.</summary>
public sealed class YamlKeyLocations
{
    private readonly Dictionary<string, (int Line, int Column)> _locations = new(StringComparer.Ordinal);

    public static YamlKeyLocations Parse(string yaml)
    {
        var result = new YamlKeyLocations();
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count > 0)
            result.Walk(stream.Documents[0].RootNode, "");
        return result;
    }

    /// <summary>The location of the path, or of its nearest ancestor that is present.</summary>
    public (int Line, int Column)? Find(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_locations.TryGetValue(p, out var at))
                return at;
        }
        return null;
    }

    private void Walk(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var child = path.Length == 0 ? key.ToString() : $"{path}.{key}";
                    _locations[child] = ((int)key.Start.Line, (int)key.Start.Column);
                    Walk(value, child);
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var child = $"{path}[{i}]";
                    _locations[child] = ((int)sequence.Children[i].Start.Line, (int)sequence.Children[i].Start.Column);
                    Walk(sequence.Children[i], child);
                }
                break;
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
