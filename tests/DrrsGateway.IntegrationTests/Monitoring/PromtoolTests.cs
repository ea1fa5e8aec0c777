using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.TestSupport;
using YamlDotNet.RepresentationModel;

namespace DrrsGateway.IntegrationTests.Monitoring;

/// <summary>
/// The shipped alert rules as promtool reads them: valid, and each alert's unit tests (deploy/monitoring/tests)
/// pass, with synthetic series that must fire it and series that must not.
/// </summary>
public sealed class PromtoolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public static TheoryData<string> UnitTestFiles => [.. MonitoringFiles.UnitTestFiles.Select(file => Path.GetFileName(file))];

    [Fact]
    public async Task CheckRules_ShippedRules_AreValid()
    {
        var result = await ExternalCommand.RunAsync(PrometheusTools.Promtool, ["check", "rules", MonitoringFiles.RulesPath], Timeout);

        result.EnsureSuccess();
        Assert.Contains($"SUCCESS: {MonitoringFiles.Alerts.Count} rules found", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UnitTestFiles))]
    public async Task TestRules_UnitTestFile_Passes(string file)
    {
        var path = Path.Combine(RepositoryFiles.PathOf(MonitoringFiles.UnitTestsFolder), file);

        (await ExternalCommand.RunAsync(PrometheusTools.Promtool, ["test", "rules", path], Timeout)).EnsureSuccess();
    }

    [Fact]
    public async Task CheckConfig_ComposePrometheus_IsValid()
    {
        (await ExternalCommand.RunAsync(PrometheusTools.Promtool, ["check", "config", RepositoryFiles.PathOf(MonitoringFiles.ComposePrometheusConfig)], Timeout)).EnsureSuccess();
    }

    [Fact]
    public void UnitTests_EveryAlert_HasASeriesThatFiresItAndOneThatDoesNot()
    {
        var cases = MonitoringFiles.UnitTestFiles
            .Select(MonitoringFiles.Yaml)
            .SelectMany(file => file["tests"].AllNodes.OfType<YamlMappingNode>().Where(node => node.Children.ContainsKey("alertname")))
            .Select(test => (Alert: ((YamlScalarNode)test["alertname"]).Value!, Fires: ((YamlSequenceNode)test["exp_alerts"]).Children.Count > 0))
            .ToList();

        Assert.All(MonitoringFiles.Alerts, alert =>
        {
            Assert.True(cases.Contains((alert.Where, true)), $"no promtool test fires {alert.Where}");
            Assert.True(cases.Contains((alert.Where, false)), $"no promtool test expects {alert.Where} quiet");
        });
        Assert.All(cases, test => Assert.Contains(test.Alert, MonitoringFiles.Alerts.Select(alert => alert.Where)));
    }
}
