using System.Diagnostics;
using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Processes;

/// <summary>SIGTERM, as a container runtime sends it: in-flight requests finish, within a bounded time.</summary>
public sealed class ShutdownProcessTests : BackendTests
{
    [Fact]
    public async Task Terminate_SlowCallInFlight_CompletesAndExitsCleanly()
    {
        Backend.Delay = TimeSpan.FromSeconds(2);
        await using var gateway = await StartAsync(drainSeconds: 10);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        var inFlight = client.CallAsync(NewUser());
        await WaitUntilBackendHasAsync(1);
        var exitCode = await gateway.TerminateAsync(TimeSpan.FromSeconds(15));
        using var response = await inFlight;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Terminate_CallSlowerThanDrainTimeout_StopsWithinTheTimeout()
    {
        Backend.Delay = TimeSpan.FromSeconds(30);
        await using var gateway = await StartAsync(drainSeconds: 1);
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        var inFlight = client.CallAsync(NewUser());
        await WaitUntilBackendHasAsync(1);
        var clock = Stopwatch.StartNew();
        await gateway.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"stopped after {clock.Elapsed.TotalSeconds:0.0} s");
        await Assert.ThrowsAnyAsync<Exception>(async () => (await inFlight).EnsureSuccessStatusCode());
    }

    private Task<GatewayProcess> StartAsync(int drainSeconds) => GatewayProcess.StartAsync(new Dictionary<string, string>
    {
        ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = Backend.Address,
        ["Aup__Identity__TrustedHeader"] = "X-Drrs-User",
        ["Shutdown__TimeoutSeconds"] = drainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private async Task WaitUntilBackendHasAsync(int count)
    {
        var deadline = Stopwatch.StartNew();
        while (Backend.Requests.Count < count)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "the request never reached the backend");
            await Task.Delay(20);
        }
    }
}
