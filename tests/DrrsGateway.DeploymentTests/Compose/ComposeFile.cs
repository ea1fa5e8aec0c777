using System.Text.RegularExpressions;
using DrrsGateway.DeploymentTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.DeploymentTests.Compose;

/// <summary>The repository's docker-compose.yml, read as compose would with no variables exported.</summary>
internal sealed partial class ComposeFile
{
    public const string RelativePath = "docker-compose.yml";

    private ComposeFile(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public IReadOnlyDictionary<string, YamlMappingNode> Services =>
        (Root.Map("services")?.Children.AsEnumerable() ?? [])
            .Where(entry => entry.Value is YamlMappingNode)
            .ToDictionary(entry => ((YamlScalarNode)entry.Key).Value!, entry => (YamlMappingNode)entry.Value, StringComparer.Ordinal);

    public static ComposeFile Load() => new(YamlFile.Load(RelativePath));

    /// <summary>The services running <paramref name="image"/> (any tag), by name.</summary>
    public IReadOnlyList<string> ServicesRunning(string image) =>
        [.. Services.Where(service => service.Value.Str("image") is { } reference && DeploymentConventions.ImageName(Resolve(reference)) == image)
            .Select(service => service.Key)
            .Order(StringComparer.Ordinal)];

    /// <summary>A service's environment, in either compose form (mapping or <c>NAME=value</c> list), resolved.</summary>
    public IReadOnlyDictionary<string, string?> Environment(string service)
    {
        var node = Services[service].Get("environment");
        var entries = node is YamlSequenceNode
            ? node.Strings().Select(item => item.Split('=', 2)).Select(parts => KeyValuePair.Create(parts[0], parts.Length > 1 ? parts[1] : null))
            : node.StringMap().Select(entry => KeyValuePair.Create(entry.Key, (string?)entry.Value));
        return entries.ToDictionary(entry => entry.Key, entry => entry.Value is null ? null : Resolve(entry.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// The container ports a service publishes, from the short syntax <c>[ip:]host:container[/proto]</c>.
    /// </summary>
    public IReadOnlyList<(int HostPort, int ContainerPort)> PublishedPorts(string service) =>
        [.. Services[service].Strings("ports")
            .Select(mapping => mapping.Split('/')[0].Split(':'))
            .Select(parts => (int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture)))];

    /// <summary>Applies compose's <c>${NAME:-default}</c> substitution as if nothing were exported.</summary>
    public static string Resolve(string value) => DefaultedVariable().Replace(value, match => match.Groups[1].Value);

    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}")]
    private static partial Regex DefaultedVariable();
}
