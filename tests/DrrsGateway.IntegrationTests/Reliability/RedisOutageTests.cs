using System.Diagnostics;
using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using Serilog.Events;
using StackExchange.Redis;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Reliability;

/// <summary>
/// Redis dying, stalling, or absent at start-up: every request still gets a bounded answer decided by
/// Aup:OnStoreFailure, the outage is logged without a line per request, and enforcement resumes by itself.
/// Each test owns its redis-server, since it kills or pauses it.
/// </summary>
public sealed class RedisOutageTests : OwnRedisTests
{
    // Store timeout 300 ms; an answer must never take much longer than that, whatever Redis does.
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Call_RedisKilledWithAllow_ForwardsPromptlyAndLogsNoLinePerRequest()
    {
        await using var gateway = NewGateway("Allow");
        using var client = gateway.CreateClientFrom();
        await AssertEnforcedAsync(client);

        Redis.Kill();
        for (var i = 0; i < 30; i++)
        {
            var (status, elapsed) = await TimedCallAsync(client, NewUser());
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(elapsed < AnswerBound, $"answered in {elapsed.TotalMilliseconds:0} ms");
        }

        var outageWarnings = gateway.Logs.Events.Count(e => e.Level >= LogEventLevel.Warning
            && e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("AcceptableUse", StringComparison.Ordinal));
        Assert.InRange(outageWarnings, 1, 3);
        Assert.Single(gateway.Logs.WithEventId(EventIds.BreakerOpened));
    }

    [Fact]
    public async Task Hold_RedisKilledWithAllow_BreakerOpensForwardsPromptlyAndClosesWhenRedisIsBack()
    {
        await using var gateway = NewGateway("Allow", new Dictionary<string, string?>
        {
            ["Aup:Mode"] = "Hold",
            ["Aup:WindowSeconds"] = "1",
            ["Aup:Hold:MarginMilliseconds"] = "100",
        });
        using var client = gateway.CreateClientFrom();
        using var before = await client.CallAsync(NewUser());

        Redis.Kill();
        for (var i = 0; i < 30; i++)
        {
            var (status, elapsed) = await TimedCallAsync(client, NewUser());
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(elapsed < AnswerBound, $"answered in {elapsed.TotalMilliseconds:0} ms");
        }

        Assert.Single(gateway.Logs.WithEventId(EventIds.BreakerOpened));
        Redis.Restart();
        await EventuallyAsync(async () =>
        {
            using var probe = await client.CallAsync(NewUser());
            return gateway.Logs.WithEventId(EventIds.BreakerClosed).Any();
        }, "the circuit closed once Redis answered hold mode's script again", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Call_RedisKilledWithReject_Answers503WithRetryAfterAndDoesNotForward()
    {
        await using var gateway = NewGateway("Reject");
        using var client = gateway.CreateClientFrom();
        Redis.Kill();
        var forwardedBefore = Backend.Requests.Count;

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.CallAsync(NewUser());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter!.Delta);
            Assert.Contains("cannot check the Acceptable Use Policy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(forwardedBefore, Backend.Requests.Count);
    }

    [Fact]
    public async Task Call_RedisRestarted_EnforcementResumesWithinSeconds()
    {
        await using var gateway = NewGateway("Allow");
        using var client = gateway.CreateClientFrom();
        Redis.Kill();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.CallAsync(NewUser());
        }

        Redis.Restart();
        var resumed = Stopwatch.StartNew();
        while (!await IsEnforcedAsync(client))
        {
            Assert.True(resumed.Elapsed < TimeSpan.FromSeconds(10), "enforcement did not resume within 10 s of Redis returning");
            await Task.Delay(200);
        }

        Assert.NotEmpty(gateway.Logs.WithEventId(EventIds.BreakerClosed));
    }

    [Fact]
    public async Task Call_RedisPaused_AnswersWithinTimeoutInsteadOfHanging()
    {
        await using var gateway = NewGateway("Allow");
        using var client = gateway.CreateClientFrom();
        await AssertEnforcedAsync(client);
        using var admin = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");

        // A stalled server: connected, but answering nothing for 3 s.
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "3000", "ALL");
        for (var i = 0; i < 6; i++)
        {
            var (status, elapsed) = await TimedCallAsync(client, NewUser());
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(elapsed < AnswerBound, $"answered in {elapsed.TotalMilliseconds:0} ms");
        }
    }

    [Fact]
    public async Task Start_RedisUnreachable_GatewayStartsAndAppliesOnStoreFailure()
    {
        Redis.Kill();
        await using var gateway = NewGateway("Reject");
        using var client = gateway.CreateClientFrom();

        using var health = await client.GetAsync("/healthz");
        var (status, elapsed) = await TimedCallAsync(client, NewUser());

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.True(elapsed < AnswerBound, $"answered in {elapsed.TotalMilliseconds:0} ms");

        // One line says Redis is not connected and why; the policy report says how it is enforced, no more.
        Assert.Single(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected));
        Assert.Single(gateway.Logs.WithEventId(EventIds.StartupSharedStore));
    }

    private GatewayFactory NewGateway(string onStoreFailure, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Aup:OnStoreFailure"] = onStoreFailure,
            ["Aup:StoreTimeoutMilliseconds"] = "300",
            ["Aup:Breaker:BreakMilliseconds"] = "500",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new(Backend.Address, Redis.ConnectionString + ",connectTimeout=1000", settings);
    }

    private static async Task<(HttpStatusCode Status, TimeSpan Elapsed)> TimedCallAsync(HttpClient client, string user)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.CallAsync(user);
        return (response.StatusCode, clock.Elapsed);
    }

    private static async Task AssertEnforcedAsync(HttpClient client) => Assert.True(await IsEnforcedAsync(client));

    private static async Task<bool> IsEnforcedAsync(HttpClient client)
    {
        var user = NewUser();
        using var first = await client.CallAsync(user);
        using var second = await client.CallAsync(user);
        return second.StatusCode == HttpStatusCode.TooManyRequests;
    }
}
