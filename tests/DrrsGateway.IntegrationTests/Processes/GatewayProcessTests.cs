using System.Globalization;
using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Management;
using DrrsGateway.Observability;
using DrrsGateway.TestSupport;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Processes;

/// <summary>
/// The acceptance shape: replicas of the built gateway as plain processes, configured only through
/// environment variables, sharing one Redis in front of an HTTP backend.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class GatewayProcessTests(RedisFixture redis) : BackendTests
{
    [Fact]
    public async Task TwoReplicas_ConfiguredByEnvironment_EnforceOnePolicy()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.Server.ConnectionString,
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = Backend.Address,
            ["Aup__WindowSeconds"] = "2",
            ["Aup__Identity__TrustedHeader"] = "X-Drrs-User",
            ["Aup__KeyPrefix"] = $"process:{Guid.NewGuid():N}:",
        };
        await using var first = await GatewayProcess.StartAsync(environment);
        await using var second = await GatewayProcess.StartAsync(environment);
        using var toFirst = new HttpClient { BaseAddress = first.BaseAddress };
        using var toSecond = new HttpClient { BaseAddress = second.BaseAddress };
        var user = NewUser();

        using var allowed = await toFirst.CallAsync(user);
        using var refused = await toSecond.CallAsync(user);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter!.Delta);
        Assert.Contains("retry your request again in 2 seconds from now", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, Backend.CountFor(LocationsPath));

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var afterQuiet = await toSecond.CallAsync(user);
        Assert.Equal(HttpStatusCode.OK, afterQuiet.StatusCode);
        Assert.Contains(second.Output, line => line.Contains("\"Decision\":\"Rejected\"", StringComparison.Ordinal)
            && line.Contains($"\"User\":\"{user}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdminClear_RealServerAndRedis_ReachesExactlyTheNamedUser()
    {
        const string key = "process-admin-key-0123456789";
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = redis.Server.ConnectionString,
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = Backend.Address,
            ["Aup__Identity__TrustedHeader"] = "X-Drrs-User",
            ["Aup__KeyPrefix"] = $"process:{Guid.NewGuid():N}:",
            ["Admin__ApiKey"] = key,
        };
        await using var gateway = await GatewayProcess.StartAsync(environment);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        // Kestrel decodes every escape but %2F in the path, so only the raw target tells these pairs apart.
        foreach (var (name, lookalikeName) in new[] { ("a%2Fb", "a/b"), ("team/alice", "team%2Falice"), ("100%25", "100%") })
        {
            var suffix = Guid.NewGuid().ToString("N")[..6];
            var (user, lookalike) = (name + suffix, lookalikeName + suffix);
            using var locked = await client.CallAsync(user);
            using var bystander = await client.CallAsync(lookalike);
            using var cleared = await client.DeleteAsync("/admin/locks/" + Uri.EscapeDataString(user));
            using var again = await client.CallAsync(user);
            using var stillLocked = await client.CallAsync(lookalike);

            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
            Assert.Contains("\"cleared\":1", await cleared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, stillLocked.StatusCode);
        }
    }

    [Fact]
    public async Task ManagementPort_RealProcess_ListensOnBothPortsKeepingThemApart()
    {
        var managementPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = Backend.Address,
            ["Aup__Identity__TrustedHeader"] = "X-Drrs-User",
            ["Management__Port"] = managementPort.ToString(CultureInfo.InvariantCulture),
        };
        await using var gateway = await GatewayProcess.StartAsync(environment);
        using var proxy = new HttpClient { BaseAddress = gateway.BaseAddress };
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{managementPort}/") };

        using var call = await proxy.CallAsync(NewUser());
        using var metrics = await management.GetAsync(TelemetryExtensions.MetricsPath);
        using var metricsOnProxy = await proxy.GetAsync(TelemetryExtensions.MetricsPath);
        using var readyOnProxy = await proxy.GetAsync(HealthEndpointExtensions.ReadinessPath);
        using var callOnManagement = await management.CallAsync(NewUser());

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("drrs_aup_decisions_total", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, metricsOnProxy.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readyOnProxy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, callOnManagement.StatusCode);
        Assert.Single(Backend.Requests);
    }
}
