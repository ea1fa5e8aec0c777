using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using DrrsGateway.Management;
using Xunit.Abstractions;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Reliability;

/// <summary>
/// Redis behind Sentinel as operators run it, against the published gateway configured only by
/// environment variables: start-up while the sentinels or the primary are down, and a primary killed
/// under light load. Each test owns its sentinel set.
/// </summary>
public sealed class RedisSentinelTests(ITestOutputHelper output) : BackendTests
{
    // The shipped store timeout; every answer must come within it plus a margin a loaded 2-core CI keeps.
    private const int StoreTimeoutMilliseconds = 500;
    private static readonly TimeSpan AnswerBound = TimeSpan.FromMilliseconds(StoreTimeoutMilliseconds + 1000);

    [Fact]
    public async Task Start_SentinelsThenPrimaryDown_ServesPerOnStoreFailureAndConnectsWhenTheyCome()
    {
        using var sentinels = new RedisSentinelSet(replicas: 1);
        await using var gateway = await GatewayProcess.StartAsync(Environment(sentinels, "Reject"));
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        Assert.False(gateway.HasExited);
        var (status, body) = await ReadinessAsync(client);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("no sentinel answers", body, StringComparison.Ordinal);
        using (var refused = await client.CallAsync(NewUser()))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        Assert.Empty(Backend.Requests);
        Assert.Single(gateway.Output, line => line.Contains("\"Id\":172", StringComparison.Ordinal) && line.Contains("\"@l\":\"Error\"", StringComparison.Ordinal));

        sentinels.Start(withData: false);
        await WaitForReadinessAsync(client, (s, b) => b.Contains("does not accept connections", StringComparison.Ordinal), "the reason to name the unreachable primary");

        sentinels.StartData();
        await WaitForReadinessAsync(client, (s, _) => s == HttpStatusCode.OK, "readiness once the primary is up");
        Assert.True(await IsEnforcedAsync(client), "the policy is not enforced after connecting");
        Assert.Contains(gateway.Output, line => line.Contains("\"Id\":173", StringComparison.Ordinal));
        Assert.False(gateway.HasExited);
    }

    [Fact]
    public async Task Failover_PrimaryKilledUnderLightLoad_EveryCallBoundedLocksKeptEnforcementGoesOn()
    {
        using var sentinels = new RedisSentinelSet(replicas: 2);
        sentinels.Start();
        await using var gateway = await GatewayProcess.StartAsync(Environment(sentinels, "Allow"));
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await WaitForReadinessAsync(client, (s, _) => s == HttpStatusCode.OK, "readiness with Sentinel up");

        var locked = Enumerable.Range(0, 40).Select(_ => NewUser()).ToList();
        foreach (var user in locked)
        {
            using var first = await client.CallAsync(user);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        sentinels.WaitForReplication();

        using var stop = new CancellationTokenSource();
        var latencies = new ConcurrentBag<TimeSpan>();
        var load = Enumerable.Range(0, 8).Select(_ => LoadAsync(client, latencies, stop.Token)).ToList();
        await Task.Delay(500);

        var killedAt = Stopwatch.StartNew();
        sentinels.KillPrimary();
        var promoted = sentinels.WaitForFailover(TimeSpan.FromSeconds(30));
        var failoverSeconds = killedAt.Elapsed.TotalSeconds;
        while (!await IsEnforcedAsync(client))
        {
            Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(30), "enforcement did not resume within 30 s of the primary's death");
            await Task.Delay(100);
        }

        var blind = killedAt.Elapsed;
        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var worst = latencies.Max();
        output.WriteLine($"promoted {promoted} after {failoverSeconds:0.0} s; enforced again after {blind.TotalSeconds:0.0} s; " +
            $"{latencies.Count} calls under load, worst {worst.TotalMilliseconds:0} ms, over 500 ms: {latencies.Count(l => l > TimeSpan.FromMilliseconds(StoreTimeoutMilliseconds))}");
        Assert.True(worst < AnswerBound, $"a call took {worst.TotalMilliseconds:0} ms through the failover");

        var stillLocked = 0;
        foreach (var user in locked)
        {
            using var again = await client.CallAsync(user);
            stillLocked += again.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        Assert.Equal(locked.Count, stillLocked);
        Assert.False(gateway.HasExited);
    }

    private Dictionary<string, string> Environment(RedisSentinelSet sentinels, string onStoreFailure) => new()
    {
        ["ConnectionStrings__Redis"] = sentinels.ConnectionString,
        ["ReverseProxy__Clusters__drrs__Destinations__primary__Address"] = Backend.Address,
        ["Aup__Identity__TrustedHeader"] = GatewayFactory.UserHeader,
        ["Aup__OnStoreFailure"] = onStoreFailure,
        ["Aup__StoreTimeoutMilliseconds"] = StoreTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Aup__KeyPrefix"] = $"sentinel:{Guid.NewGuid():N}:",
    };

    // Light load: a handful of callers, each a new user (allowed) or a repeat (refused), never the locked ones.
    private static async Task LoadAsync(HttpClient client, ConcurrentBag<TimeSpan> latencies, CancellationToken stop)
    {
        var repeat = NewUser();
        var turn = 0;
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            using (var response = await client.CallAsync(turn++ % 2 == 0 ? NewUser() : repeat))
            {
                latencies.Add(clock.Elapsed);
            }

            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<bool> IsEnforcedAsync(HttpClient client)
    {
        var user = NewUser();
        using var first = await client.CallAsync(user);
        using var second = await client.CallAsync(user);
        return first.StatusCode == HttpStatusCode.OK && second.StatusCode == HttpStatusCode.TooManyRequests;
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync(HealthEndpointExtensions.ReadinessPath);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitForReadinessAsync(HttpClient client, Func<HttpStatusCode, string, bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        var (status, body) = await ReadinessAsync(client);
        while (!condition(status, body))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"waited 30 s for {what}; /readyz answers {(int)status}: {body}");
            await Task.Delay(200);
            (status, body) = await ReadinessAsync(client);
        }
    }
}
