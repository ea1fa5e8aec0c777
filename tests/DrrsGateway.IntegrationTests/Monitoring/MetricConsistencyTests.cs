using System.Text.RegularExpressions;
using DrrsGateway.IntegrationTests.Infrastructure;

namespace DrrsGateway.IntegrationTests.Monitoring;

/// <summary>
/// Every metric the shipped alert rules and dashboard query is one the gateway exports, checked against a
/// live scrape after allowed, refused, exempt and store-failure traffic; and Prometheus, having scraped that
/// gateway, loads the rules and evaluates every dashboard query without an error.
/// </summary>
public sealed partial class MetricConsistencyTests(MonitoredGatewayFixture monitored) : IClassFixture<MonitoredGatewayFixture>
{
    // By name, so each query shows as its own test case.
    public static TheoryData<string> RuleQueries => [.. MonitoringFiles.Alerts.Select(alert => alert.Where)];

    public static TheoryData<string> DashboardQueries => [.. MonitoringFiles.DashboardQueries.Select(query => query.Where)];

    private HashSet<string> Exported => SampleName().Matches(monitored.Scrape).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(RuleQueries))]
    public void Scrape_AlertRule_QueriesOnlyExportedMetrics(string alert) =>
        AssertExported(MonitoringFiles.Alerts.Single(query => query.Where == alert));

    [Theory]
    [MemberData(nameof(DashboardQueries))]
    public void Scrape_DashboardQuery_QueriesOnlyExportedMetrics(string query) => AssertExported(Dashboard(query));

    [Theory]
    [MemberData(nameof(DashboardQueries))]
    public async Task Prometheus_DashboardQuery_EvaluatesWithoutError(string query)
    {
        // Throws with Prometheus' own message for a query it cannot parse or run.
        await monitored.Prometheus.QueryAsync(Dashboard(query).ForPrometheus(PrometheusServer.Job));
    }

    [Fact]
    public async Task Prometheus_ShippedRules_AllLoadAndEvaluateHealthy()
    {
        var rules = await monitored.Prometheus.RulesAsync();

        Assert.Equal(MonitoringFiles.Alerts.Select(alert => alert.Where), rules.Select(rule => rule.Name));
        await GatewayRequests.EventuallyAsync(
            async () => (await monitored.Prometheus.RulesAsync()).All(rule => rule.Health == "ok"),
            "every rule evaluated healthy: " + string.Join("; ", (await monitored.Prometheus.RulesAsync()).Select(rule => $"{rule.Name} {rule.Health} {rule.Error}")));
    }

    [Fact]
    public void Scrape_AfterTraffic_HasEveryOutcomeTheRulesCount()
    {
        foreach (var outcome in new[] { "allowed", "rejected", "exempt", "store_failure" })
        {
            Assert.Contains($"outcome=\"{outcome}\"", monitored.Scrape, StringComparison.Ordinal);
        }

        Assert.NotNull(PrometheusText.Sample(monitored.Scrape, "drrs_aup_store_breaker_open"));
    }

    private static ShippedQuery Dashboard(string where) => MonitoringFiles.DashboardQueries.Single(query => query.Where == where);

    private void AssertExported(ShippedQuery query)
    {
        var names = query.MetricNames;
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.True(Exported.Contains(name), $"{query.Where} queries {name}, which the gateway does not export"));
    }

    // A sample line: the metric name, then labels or the value.
    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", RegexOptions.Multiline)]
    private static partial Regex SampleName();
}
