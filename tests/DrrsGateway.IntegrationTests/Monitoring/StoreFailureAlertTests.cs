using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Monitoring;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Monitoring;

/// <summary>
/// End to end, as operators will run it: a real Prometheus scrapes a real gateway on loopback every second
/// and evaluates the shipped rules file, unchanged, every second. Redis is killed while callers keep calling;
/// the store alerts must go pending within a few scrape intervals and reach <c>firing</c> in Prometheus' API
/// their own <c>for:</c> later, give or take an evaluation or two.
/// </summary>
public sealed class StoreFailureAlertTests(ITestOutputHelper output) : OwnRedisTests
{
    // From the kill to pending: the gateway's failures (3 × the 300 ms store timeout open the breaker), one
    // scrape and one evaluation, about 2 s here; the rest is room for a machine busy with other tests.
    // Readiness is checked every 5 s, so its alert may start up to 5 s later.
    private static readonly TimeSpan StoreDetection = 10 * PrometheusServer.Interval;
    private static readonly TimeSpan ReadinessDetection = StoreDetection + MonitoringServiceCollectionExtensions.ReadinessPeriod;

    // From pending to firing: for: itself, then at most an evaluation, a poll and an answer late.
    private static readonly TimeSpan FiringLate = 3 * PrometheusServer.Interval;

    private static readonly TimeSpan CallEvery = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task RedisKilled_StoreAlerts_FireWithinTheirForInPrometheus()
    {
        await using var gateway = await GatewayProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = Redis.ConnectionString,
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = Backend.Address,
            ["Aup__Identity__TrustedHeader"] = GatewayFactory.UserHeader,
            ["Aup__OnStoreFailure"] = "Allow",
            ["Aup__StoreTimeoutMilliseconds"] = "300",
        });
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{gateway.Port}", MonitoringFiles.RulesPath);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        using (var allowed = await client.CallAsync(NewUser()))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        // Until the gateway is scraped ready, Prometheus sees no ready replica and that alert is pending.
        await EventuallyAsync(
            async () => (await prometheus.QueryAsync("drrs_gateway_ready == 1")).GetArrayLength() == 1 && (await prometheus.AlertsAsync()).Count == 0,
            "the gateway scraped ready and no alert pending",
            TimeSpan.FromSeconds(30));
        await Task.Delay(2 * PrometheusServer.Interval);
        Assert.Empty(await prometheus.AlertsAsync());

        var detection = new Dictionary<string, TimeSpan>
        {
            ["DrrsGatewayStoreFailing"] = StoreDetection,
            ["DrrsGatewayStoreBreakerOpen"] = StoreDetection,
            ["DrrsGatewayNoReplicaReady"] = ReadinessDetection,
        };
        var pendingAt = new Dictionary<string, DateTimeOffset>();
        var firingAt = new Dictionary<string, DateTimeOffset>();
        Redis.Kill();
        var killedAt = DateTimeOffset.UtcNow;

        // Bounded: callers keep calling (forwarded unchecked) until every alert fired or the last could have.
        using var stop = new CancellationTokenSource(detection.Max(alert => alert.Value + For(alert.Key)) + FiringLate);
        var callers = CallUntilAsync(client, stop.Token);
        while (firingAt.Count < detection.Count && !stop.IsCancellationRequested)
        {
            foreach (var (name, state, activeAt) in await prometheus.AlertsAsync())
            {
                pendingAt.TryAdd(name, activeAt);
                if (state == "firing")
                {
                    firingAt.TryAdd(name, DateTimeOffset.UtcNow);
                }
            }

            await Task.Delay(PollEvery);
        }

        await stop.CancelAsync();
        Assert.True(await callers > 0, "no call was made while Redis was down");
        foreach (var (name, fired) in firingAt)
        {
            output.WriteLine($"{name}: pending {(pendingAt[name] - killedAt).TotalSeconds:0.0} s and firing {(fired - killedAt).TotalSeconds:0.0} s after Redis was killed (for: {For(name).TotalSeconds:0} s)");
        }

        Assert.All(detection, alert =>
        {
            var (name, within) = alert;
            Assert.True(firingAt.TryGetValue(name, out var fired), $"{name} never fired.{Environment.NewLine}{prometheus.Output}");
            Assert.InRange(pendingAt[name] - killedAt, TimeSpan.Zero, within);
            Assert.InRange(fired - pendingAt[name], For(name), For(name) + FiringLate);
        });
    }

    // Calls until stopped; every call is forwarded unchecked (OnStoreFailure=Allow). Returns how many it made.
    private static async Task<int> CallUntilAsync(HttpClient client, CancellationToken stop)
    {
        var calls = 0;
        while (!stop.IsCancellationRequested)
        {
            using (var response = await client.CallAsync(NewUser()))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            calls++;
            try
            {
                await Task.Delay(CallEvery, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return calls;
    }

    // The shipped rule's for:, read from the file Prometheus loaded.
    private static TimeSpan For(string alert)
    {
        var rule = MonitoringFiles.Yaml(MonitoringFiles.RulesPath)["groups"].AllNodes.OfType<YamlMappingNode>()
            .Single(node => node.Children.TryGetValue("alert", out var name) && ((YamlScalarNode)name).Value == alert);
        var text = ((YamlScalarNode)rule["for"]).Value!;
        var number = double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture);
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(number),
            'm' => TimeSpan.FromMinutes(number),
            _ => throw new InvalidOperationException($"{alert}'s for: {text} is not in seconds or minutes"),
        };
    }
}
