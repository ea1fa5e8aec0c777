using System.Text.RegularExpressions;
using DrrsGateway.DeploymentTests.Compose;
using DrrsGateway.DeploymentTests.Infrastructure;
using DrrsGateway.DeploymentTests.Kubernetes;
using DrrsGateway.Observability;
using DrrsGateway.TestSupport;

namespace DrrsGateway.DeploymentTests.Monitoring;

/// <summary>
/// The monitoring files are wired where the README says: into kustomize as an optional component (and the
/// lab overlay that takes it), into compose as the `monitoring` profile, with rules, scrape job, runbooks
/// and dashboard agreeing with each other and with the gateway.
/// </summary>
public sealed partial class MonitoringWiringTests
{
    private const string DashboardConfigMap = "drrs-gateway-dashboard";
    private const string Profile = "monitoring";

    private static readonly string[] RequiredPanels =
    [
        "Decisions by outcome", "Decisions by service", "Refusal rate", "Stuck clients", "Store latency", "Store failures",
        "Breaker state", "Backend error rate", "Request rate per replica", "Request latency per replica", "Readiness", "Ready replicas",
    ];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Component_Resources_AreTheRulesTheMonitorAndTheDashboard()
    {
        var component = Kustomization.Load(Kustomization.MonitoringComponent);
        var dashboard = component.Generator("configMapGenerator", DashboardConfigMap);

        Assert.Equal("Component", component.Root.Str("kind"));
        Assert.Equal(["PrometheusRule", "ServiceMonitor"], component.Objects.Select(item => item.Str("kind")).Order(StringComparer.Ordinal));
        Assert.Equal(["grafana/dashboards/drrs-gateway.json"], dashboard.Strings("files"));
        Assert.Equal("1", dashboard.Str("options", "labels", "grafana_dashboard"));
        Assert.True(dashboard.Bool("options", "disableNameSuffixHash"));
    }

    [Fact]
    public void MonitoringOverlay_Lab_TakesTheComponent()
    {
        var overlay = Kustomization.Load(Kustomization.MonitoringOverlay);

        Assert.Equal([Kustomization.LabOverlay], overlay.ResourceDirectories);
        Assert.Equal([Kustomization.MonitoringComponent], overlay.Components);
    }

    [Fact]
    public void PrometheusRule_Groups_AreTheRulesFile()
    {
        var rules = YamlFile.Load(MonitoringFiles.Rules).Get("groups")!;
        var prometheusRule = YamlFile.Load(MonitoringFiles.PrometheusRule);

        Assert.Equal("PrometheusRule", prometheusRule.Str("kind"));
        Assert.True(
            MonitoringFiles.Canonical(rules) == MonitoringFiles.Canonical(prometheusRule.Get("spec", "groups")!),
            $"{MonitoringFiles.PrometheusRule} differs from {MonitoringFiles.Rules}: run deploy/monitoring/kubernetes/prometheusrule.sh");
    }

    [Fact]
    public void ServiceMonitor_Endpoint_ScrapesTheGatewayServiceAsTheRulesJob()
    {
        var monitor = Kustomization.Load(Kustomization.MonitoringComponent).Objects.Named("ServiceMonitor", DeploymentConventions.GatewayName);
        var service = Kustomization.Load(Kustomization.Base).Objects.Named("Service", DeploymentConventions.GatewayName);
        var endpoint = monitor.Items("spec", "endpoints").Single();

        // The operator names the job after the Service.
        Assert.Equal(MonitoringFiles.Job, service.Str("metadata", "name"));
        Assert.True(monitor.StringMap("spec", "selector", "matchLabels").Selects(service.StringMap("metadata", "labels")));
        Assert.Contains(endpoint.Str("port"), service.Items("spec", "ports").Select(port => port.Str("name")));
        Assert.Equal(TelemetryExtensions.MetricsPath, endpoint.Str("path"));
    }

    [Fact]
    public void Rules_EveryAlert_SelectsTheJobAndCarriesForSeveritySummaryAndRunbook()
    {
        var anchors = ReadmeAnchors();

        Assert.NotEmpty(MonitoringFiles.AlertRules);
        Assert.All(MonitoringFiles.AlertRules, rule =>
        {
            var alert = rule.Str("alert")!;
            Assert.Contains($"job=\"{MonitoringFiles.Job}\"", rule.Str("expr"), StringComparison.Ordinal);
            Assert.Matches(@"^\d+[sm]$", rule.Str("for"));
            Assert.Contains(rule.Str("labels", "severity"), new[] { "critical", "warning" });
            Assert.False(string.IsNullOrWhiteSpace(rule.Str("annotations", "summary")), $"{alert} has no summary");
            Assert.Equal($"README.md#{alert.ToLowerInvariant()}", rule.Str("annotations", "runbook_url"));
            Assert.Contains(alert.ToLowerInvariant(), anchors);
        });
    }

    [Fact]
    public void Readme_EveryAlertAndPanel_IsDescribed()
    {
        var readme = RepositoryFiles.ReadAllText("README.md");
        using var dashboard = MonitoringFiles.LoadDashboard();
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.GetProperty("type").GetString() != "row")
            .Select(panel => panel.GetProperty("title").GetString()!);

        Assert.All(MonitoringFiles.AlertRules, rule => Assert.Contains($"[`{rule.Str("alert")}`]", readme, StringComparison.Ordinal));
        Assert.All(panels, title => Assert.Contains($"**{title}**", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Dashboard_Json_IsAGrafanaDashboardOnItsDatasourceVariable()
    {
        using var dashboard = MonitoringFiles.LoadDashboard();
        var root = dashboard.RootElement;
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().ToDictionary(variable => variable.GetProperty("name").GetString()!);
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        var queried = panels.Where(panel => panel.TryGetProperty("targets", out _)).ToList();

        Assert.Equal(39, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("datasource", variables["datasource"].GetProperty("type").GetString());
        Assert.Equal("prometheus", variables["datasource"].GetProperty("query").GetString());
        Assert.Equal("query", variables["job"].GetProperty("type").GetString());
        Assert.Equal(MonitoringFiles.Job, variables["job"].GetProperty("current").GetProperty("value").GetString());
        Assert.True(variables["instance"].GetProperty("includeAll").GetBoolean());
        Assert.Equal(panels.Count, panels.Select(panel => panel.GetProperty("id").GetInt32()).Distinct().Count());
        Assert.All(RequiredPanels, title => Assert.Contains(title, panels.Select(panel => panel.GetProperty("title").GetString())));
        Assert.All(queried.SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Append(panel.GetProperty("datasource"))), item =>
            Assert.Equal("${datasource}", (item.TryGetProperty("datasource", out var source) ? source : item).GetProperty("uid").GetString()));
        Assert.All(queried.SelectMany(panel => panel.GetProperty("targets").EnumerateArray()), target =>
            Assert.Contains("job=\"$job\"", target.GetProperty("expr").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_MonitoringProfile_IsPrometheusAndGrafanaOnly()
    {
        var profiled = _compose.Services.Where(service => service.Value.Strings("profiles").Contains(Profile)).Select(service => service.Key);

        Assert.Equal(["grafana", "prometheus"], profiled.Order(StringComparer.Ordinal));
        Assert.All(_compose.ServicesRunning(DeploymentConventions.GatewayImage), gateway => Assert.Empty(_compose.Services[gateway].Strings("profiles")));
    }

    [Fact]
    public void ComposePrometheus_Config_ScrapesEveryGatewayAsTheRulesJobAndLoadsTheMountedRules()
    {
        var config = YamlFile.Load(MonitoringFiles.ComposePrometheusConfig);
        var job = config.Items("scrape_configs").Single();
        var mounts = Mounts("prometheus");
        var rulesGlob = config.Strings("rule_files").Single();

        Assert.Equal(MonitoringFiles.Job, job.Str("job_name"));
        Assert.Equal(
            _compose.ServicesRunning(DeploymentConventions.GatewayImage).Select(gateway => $"{gateway}:{DeploymentConventions.ContainerPort}"),
            job.Items("static_configs").SelectMany(targets => targets.Strings("targets")).Order(StringComparer.Ordinal));
        Assert.Equal("/etc/prometheus/prometheus.yml", mounts[MonitoringFiles.ComposePrometheusConfig]);
        Assert.Matches("^" + Regex.Escape(rulesGlob).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$", mounts[MonitoringFiles.Rules]);
    }

    [Fact]
    public void ComposeGrafana_Provisioning_PointsAtTheProfilesPrometheusAndTheMountedDashboard()
    {
        var mounts = Mounts("grafana");
        var datasource = YamlFile.Load($"{MonitoringFiles.GrafanaProvisioning}/datasources/prometheus.yml").Items("datasources").Single();
        var provider = YamlFile.Load($"{MonitoringFiles.GrafanaProvisioning}/dashboards/drrs-gateway.yml").Items("providers").Single();
        var prometheusUrl = new Uri(datasource.Str("url")!);

        Assert.Equal("/etc/grafana/provisioning", mounts[MonitoringFiles.GrafanaProvisioning]);
        Assert.Equal(provider.Str("options", "path"), mounts[Path.GetDirectoryName(MonitoringFiles.Dashboard)!.Replace('\\', '/')]);
        Assert.Equal("prometheus", datasource.Str("type"));
        Assert.True(datasource.Bool("isDefault"));
        Assert.Contains(prometheusUrl.Host, _compose.Services.Keys);
        Assert.Equal(9090, prometheusUrl.Port);
    }

    [Fact]
    public void ValidateScript_Kustomizations_AreEveryOneTheTestsRender()
    {
        var script = RepositoryFiles.ReadAllText("deploy/validate.sh");

        Assert.All(Kustomization.All, directory => Assert.Contains(directory, script, StringComparison.Ordinal));
    }

    // A service's bind mounts, repository-relative source → container path; each source must exist.
    private Dictionary<string, string> Mounts(string service) =>
        _compose.Services[service].Strings("volumes")
            .Select(volume => volume.Split(':'))
            .Where(parts => parts[0].StartsWith("./", StringComparison.Ordinal))
            .ToDictionary(parts => parts[0][2..].TrimEnd('/'), parts =>
            {
                Assert.True(File.Exists(RepositoryFiles.PathOf(parts[0])) || Directory.Exists(RepositoryFiles.PathOf(parts[0])), $"{service} mounts {parts[0]}, which does not exist");
                return parts[1];
            }, StringComparer.Ordinal);

    // GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.
    private static HashSet<string> ReadmeAnchors() =>
        [.. RepositoryFiles.ReadAllText("README.md").Split('\n')
            .Where(line => line.StartsWith('#'))
            .Select(line => AnchorPunctuation().Replace(line.TrimStart('#').Trim().ToLowerInvariant(), "").Replace(' ', '-'))];

    [GeneratedRegex(@"[^\p{L}\p{N} _-]")]
    private static partial Regex AnchorPunctuation();
}
