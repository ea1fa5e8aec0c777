using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.TestSupport;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Reliability;

/// <summary>
/// A DRRS that is down or slow answers 502/504 through YARP, and the attempt still counts against the
/// user: CAISO counts every request, so the window restarted when the gateway decided, before forwarding.
/// </summary>
public sealed class BackendFailureTests : BackendTests
{
    [Fact]
    public async Task Call_BackendDown_Is502AndTheAttemptCounts()
    {
        var closedPort = FreePort.Next();
        await using var gateway = new GatewayFactory($"http://127.0.0.1:{closedPort}/");
        using var client = gateway.CreateClientFrom();
        var user = NewUser();

        using var first = await client.CallAsync(user);
        using var retry = await client.CallAsync(user);

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, retry.StatusCode);
    }

    [Fact]
    public async Task Call_BackendSlowerThanActivityTimeout_Is504AndTheAttemptCounts()
    {
        Backend.Delay = TimeSpan.FromSeconds(3);
        await using var gateway = new GatewayFactory(Backend.Address, settings: new Dictionary<string, string?>
        {
            ["ReverseProxy:Clusters:drrs:HttpRequest:ActivityTimeout"] = "00:00:01",
        });
        using var client = gateway.CreateClientFrom();
        var user = NewUser();

        using var first = await client.CallAsync(user);
        using var retry = await client.CallAsync(user);

        Assert.Equal(HttpStatusCode.GatewayTimeout, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, retry.StatusCode);
    }
}
