using DrrsGateway.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.DeploymentTests.Infrastructure;

/// <summary>Reads YAML files, one mapping per document.</summary>
internal static class YamlFile
{
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string relativePath) =>
        ParseDocuments(RepositoryFiles.ReadAllText(relativePath));

    public static YamlMappingNode Load(string relativePath) => LoadDocuments(relativePath).Single();

    public static IReadOnlyList<YamlMappingNode> ParseDocuments(string text)
    {
        using var reader = new StringReader(text);

        // Compose files share settings through anchors and `<<` merge keys; the merging parser applies them
        // as compose does, so each service is read with all of its settings.
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return [.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>()];
    }
}
