using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Monitoring;

/// <summary>
/// A gateway process on its own redis-server, scraped by a real Prometheus that loads the shipped rules,
/// after every kind of traffic the rules and dashboard look at: allowed, refused, exempt, and, once Redis
/// is killed, store failures. <see cref="Scrape"/> is the gateway's <c>/metrics</c> after all of it.
/// </summary>
public sealed class MonitoredGatewayFixture : IAsyncLifetime
{
    public const string ExemptUser = "monitoring-probe";

    private RedisServer? _redis;
    private RecordingBackend? _backend;
    private GatewayProcess? _gateway;

    public PrometheusServer Prometheus { get; private set; } = null!;

    /// <summary>The Prometheus text the gateway exported after the traffic.</summary>
    public string Scrape { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _backend = await RecordingBackend.StartAsync();
        _gateway = await GatewayProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = _redis.ConnectionString,
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = _backend.Address,
            ["Aup__Identity__TrustedHeader"] = GatewayFactory.UserHeader,
            ["Aup__ExemptUsers__0"] = ExemptUser,
            ["Aup__OnStoreFailure"] = "Allow",
            ["Aup__StoreTimeoutMilliseconds"] = "300",
        });
        Prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{_gateway.Port}", MonitoringFiles.RulesPath);

        using var client = new HttpClient { BaseAddress = _gateway.BaseAddress };
        var user = NewUser();
        await ExpectAsync(client, user, HttpStatusCode.OK);
        await ExpectAsync(client, user, HttpStatusCode.TooManyRequests);
        await ExpectAsync(client, ExemptUser, HttpStatusCode.OK);
        _redis.Kill();
        for (var i = 0; i < 5; i++)
        {
            // Forwarded unchecked (OnStoreFailure=Allow): the first few wait out the store timeout, then the breaker opens.
            await ExpectAsync(client, NewUser(), HttpStatusCode.OK);
        }

        Scrape = await client.GetStringAsync("/metrics");
        await Prometheus.WaitForFreshScrapeAsync();
    }

    public async Task DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        _redis?.Dispose();
    }

    private static async Task ExpectAsync(HttpClient client, string user, HttpStatusCode expected)
    {
        using var response = await client.CallAsync(user);
        Assert.Equal(expected, response.StatusCode);
    }
}
