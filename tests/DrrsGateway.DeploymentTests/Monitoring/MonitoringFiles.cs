using System.Text.Json;
using DrrsGateway.DeploymentTests.Infrastructure;
using DrrsGateway.TestSupport;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.DeploymentTests.Monitoring;

/// <summary>The files of deploy/monitoring, read as the deployments that mount them would.</summary>
internal static class MonitoringFiles
{
    public const string Job = "drrs-gateway";
    public const string Rules = "deploy/monitoring/prometheus/drrs-gateway-rules.yml";
    public const string PrometheusRule = "deploy/monitoring/kubernetes/prometheusrule.yaml";
    public const string ComposePrometheusConfig = "deploy/monitoring/prometheus/prometheus.yml";
    public const string Dashboard = "deploy/monitoring/grafana/dashboards/drrs-gateway.json";
    public const string GrafanaProvisioning = "deploy/monitoring/grafana/provisioning";

    /// <summary>Every alerting rule of the rules file.</summary>
    public static IReadOnlyList<YamlMappingNode> AlertRules =>
        [.. YamlFile.Load(Rules).Items("groups").SelectMany(group => group.Items("rules")).Where(rule => rule.Str("alert") is not null)];

    public static JsonDocument LoadDashboard() => JsonDocument.Parse(RepositoryFiles.ReadAllText(Dashboard));

    /// <summary>
    /// A node as one comparable string: mappings with their keys sorted, so two files holding the same YAML
    /// in another layout compare equal.
    /// </summary>
    public static string Canonical(YamlNode node) => node switch
    {
        YamlScalarNode scalar => JsonSerializer.Serialize(scalar.Value),
        YamlSequenceNode sequence => "[" + string.Join(",", sequence.Children.Select(Canonical)) + "]",
        YamlMappingNode mapping => "{" + string.Join(",", mapping.Children
            .Select(entry => Canonical(entry.Key) + ":" + Canonical(entry.Value))
            .Order(StringComparer.Ordinal)) + "}",
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}."),
    };
}
