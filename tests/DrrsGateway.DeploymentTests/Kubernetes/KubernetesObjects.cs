using DrrsGateway.DeploymentTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.DeploymentTests.Kubernetes;

/// <summary>Finding things in Kubernetes objects read as YAML.</summary>
internal static class KubernetesObjects
{
    public static IEnumerable<YamlMappingNode> OfKind(this IEnumerable<YamlMappingNode> objects, string kind) =>
        objects.Where(item => item.Str("kind") == kind);

    public static YamlMappingNode Named(this IEnumerable<YamlMappingNode> objects, string kind, string name) =>
        objects.OfKind(kind).Single(item => item.Str("metadata", "name") == name);

    /// <summary>A workload's container by name (Deployment: spec.template.spec.containers).</summary>
    public static YamlMappingNode? Container(this YamlNode workload, string name) =>
        workload.Items("spec", "template", "spec", "containers").SingleOrDefault(container => container.Str("name") == name);

    /// <summary>A probe's or Service's port, which may name one of the container's ports.</summary>
    public static int? ResolvePort(this YamlNode container, string? port)
    {
        if (int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return container.Items("ports").SingleOrDefault(entry => entry.Str("name") == port).Int("containerPort");
    }

    public static IReadOnlyDictionary<string, string> PodLabels(this YamlNode workload) =>
        workload.StringMap("spec", "template", "metadata", "labels");

    /// <summary>Whether every pair of <paramref name="selector"/> is among <paramref name="labels"/> (a non-empty selector).</summary>
    public static bool Selects(this IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
