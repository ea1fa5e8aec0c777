using System.Text.Json;
using System.Text.RegularExpressions;
using DrrsGateway.TestSupport;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.IntegrationTests.Monitoring;

/// <summary>The shipped monitoring files of deploy/monitoring, as the tests read them.</summary>
internal static partial class MonitoringFiles
{
    public const string RulesFile = "deploy/monitoring/prometheus/drrs-gateway-rules.yml";
    public const string UnitTestsFolder = "deploy/monitoring/tests";
    public const string Dashboard = "deploy/monitoring/grafana/dashboards/drrs-gateway.json";
    public const string ComposePrometheusConfig = "deploy/monitoring/prometheus/prometheus.yml";

    public static string RulesPath => RepositoryFiles.PathOf(RulesFile);

    /// <summary>The promtool unit-test files, one per alert.</summary>
    public static IReadOnlyList<string> UnitTestFiles =>
        [.. Directory.GetFiles(RepositoryFiles.PathOf(UnitTestsFolder), "*.yml").Order(StringComparer.Ordinal)];

    /// <summary>Each alert's name and expression, in file order.</summary>
    public static IReadOnlyList<ShippedQuery> Alerts =>
        [.. Yaml(RulesPath)["groups"].AllNodes.OfType<YamlMappingNode>()
            .Where(node => node.Children.ContainsKey("alert"))
            .Select(rule => new ShippedQuery(Scalar(rule, "alert"), Scalar(rule, "expr")))];

    /// <summary>Every panel query and every variable query of the dashboard.</summary>
    public static IReadOnlyList<ShippedQuery> DashboardQueries
    {
        get
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf(Dashboard)));
            var root = dashboard.RootElement;
            var panels = root.GetProperty("panels").EnumerateArray()
                .Where(panel => panel.TryGetProperty("targets", out _))
                .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(target =>
                    new ShippedQuery($"panel \"{panel.GetProperty("title").GetString()}\" {target.GetProperty("refId").GetString()}", target.GetProperty("expr").GetString()!)));

            // label_values(selector, label) is Grafana's; the selector is the PromQL in it.
            var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray()
                .Where(variable => variable.GetProperty("type").GetString() == "query")
                .Select(variable => new ShippedQuery(
                    $"variable ${variable.GetProperty("name").GetString()}",
                    LabelValues().Match(variable.GetProperty("query").GetProperty("query").GetString()!).Groups["selector"].Value));
            return [.. panels, .. variables];
        }
    }

    public static YamlMappingNode Yaml(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*[A-Za-z_][A-Za-z0-9_]*\)$")]
    private static partial Regex LabelValues();
}
