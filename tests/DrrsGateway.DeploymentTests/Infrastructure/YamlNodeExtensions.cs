using YamlDotNet.RepresentationModel;

namespace DrrsGateway.DeploymentTests.Infrastructure;

/// <summary>Null-tolerant navigation through mappings, so a missing key fails the assertion, not the walk.</summary>
internal static class YamlNodeExtensions
{
    public static YamlNode? Get(this YamlNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    public static YamlMappingNode? Map(this YamlNode? node, params ReadOnlySpan<string> path) => node.Get(path) as YamlMappingNode;

    public static string? Str(this YamlNode? node, params ReadOnlySpan<string> path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static int? Int(this YamlNode? node, params ReadOnlySpan<string> path) =>
        int.TryParse(node.Str(path), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? Bool(this YamlNode? node, params ReadOnlySpan<string> path) =>
        bool.TryParse(node.Str(path), out var value) ? value : null;

    /// <summary>The mappings of a sequence; none when the sequence is missing.</summary>
    public static IEnumerable<YamlMappingNode> Items(this YamlNode? node, params ReadOnlySpan<string> path) =>
        (node.Get(path) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    /// <summary>The scalars of a sequence; none when the sequence is missing.</summary>
    public static IEnumerable<string> Strings(this YamlNode? node, params ReadOnlySpan<string> path) =>
        (node.Get(path) as YamlSequenceNode)?.Children.OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? "") ?? [];

    /// <summary>A mapping of scalars (labels, selectors, compose environment); empty when missing.</summary>
    public static IReadOnlyDictionary<string, string> StringMap(this YamlNode? node, params ReadOnlySpan<string> path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node.Get(path) is YamlMappingNode mapping)
        {
            foreach (var (key, value) in mapping.Children)
            {
                if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode scalar)
                {
                    result[name] = scalar.Value ?? "";
                }
            }
        }

        return result;
    }
}
