using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using Serilog.Events;

namespace DrrsGateway.IntegrationTests.Stores;

/// <summary>
/// The Redis connection tells one story at start-up: one line connected, or one Error with the finest reason,
/// which <c>/readyz</c> gives too; nothing at Error while the first attempt is still under way.
/// </summary>
public sealed class RedisStartupStoryTests : OwnRedisTests
{
    private const string Password = "startup-story-secret";

    [Fact]
    public async Task Start_RedisHealthy_OneConnectedLineAndNoError()
    {
        await using var gateway = new GatewayFactory(Backend.Address, Redis.ConnectionString);
        using var client = gateway.CreateClientFrom();

        await GatewayRequests.EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisMemoryPolicyKeepsLocks).Any()), "the server checks ran");
        using var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var connected = Assert.Single(gateway.Logs.WithEventId(EventIds.RedisServerConnected));
        Assert.Equal("noeviction", LogCollector.Scalar(connected, "MaxmemoryPolicy"));
        Assert.Equal(false, LogCollector.Scalar(connected, "Tls"));
        Assert.Equal("default", LogCollector.Scalar(connected, "RedisUser"));
        Assert.Empty(gateway.Logs.WithEventId(EventIds.RedisServerConnectedLate));
        Assert.DoesNotContain(gateway.Logs.Events, e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task Start_WrongPassword_OneErrorWhoseReasonReadinessGives()
    {
        Redis.Dispose();
        using var redis = RedisServer.Start(null, "--requirepass", Password);
        await using var gateway = new GatewayFactory(Backend.Address, $"{redis.ConnectionString},password=not-{Password}");
        using var client = gateway.CreateClientFrom();

        var reason = await ReasonAsync(gateway);

        Assert.Contains("refused the user name or password", reason, StringComparison.Ordinal);
        await AssertOneErrorAndReadinessSaysAsync(gateway, client, reason);
    }

    [Fact]
    public async Task Start_NothingListens_OneErrorWhoseReasonReadinessGives()
    {
        var port = Redis.Port;
        Redis.Dispose();
        await using var gateway = new GatewayFactory(Backend.Address, $"127.0.0.1:{port}");
        using var client = gateway.CreateClientFrom();

        var reason = await ReasonAsync(gateway);

        await AssertOneErrorAndReadinessSaysAsync(gateway, client, reason);
    }

    private static async Task<string> ReasonAsync(GatewayFactory gateway)
    {
        await GatewayRequests.EventuallyAsync(() => Task.FromResult(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Any()), "the failed start is reported", TimeSpan.FromSeconds(30));
        return (string)LogCollector.Scalar(gateway.Logs.WithEventId(EventIds.RedisServerNotConnected).Single(), "Reason")!;
    }

    private static async Task AssertOneErrorAndReadinessSaysAsync(GatewayFactory gateway, HttpClient client, string reason)
    {
        // Counted before the probe: the request log logs a 503 answer at Error.
        await Task.Delay(1000);
        Assert.Single(gateway.Logs.Events, e => e.Level >= LogEventLevel.Error);

        using var ready = await client.GetAsync("/readyz");
        var body = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains(reason, body, StringComparison.Ordinal);
    }
}
