using System.Diagnostics;
using System.Net;
using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Stores.Redis;
using DrrsGateway.Admin;
using DrrsGateway.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.Admin;

/// <summary>The admin API over Redis: the same behaviour, found with SCAN, and bounded when Redis is gone.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisAdminApiTests(RedisFixture redis) : AdminApiTests
{
    protected override GatewayFactory CreateGateway(string backendAddress, IDictionary<string, string?> settings) =>
        new(backendAddress, redis.Server.ConnectionString, settings);

    [Fact]
    public async Task List_Redis_ScansAndNeverUsesKeys()
    {
        await using var gateway = CreateGateway("http://127.0.0.1:9/", new Dictionary<string, string?> { ["Admin:ApiKey"] = Key });
        using var client = gateway.CreateClientFrom();
        var scansBefore = CommandCalls("scan");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/locks/{NewUser()}");
        request.Headers.Add(AdminApiKey.HeaderName, Key);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(CommandCalls("scan") > scansBefore);
        Assert.Equal(0, CommandCalls("keys"));
    }

    [Fact]
    public async Task Admin_RedisDown_Is503WithinBoundedTime()
    {
        using var server = RedisServer.Start();
        await using var gateway = new GatewayFactory("http://127.0.0.1:9/", server.ConnectionString, new Dictionary<string, string?> { ["Admin:ApiKey"] = Key });
        using var client = gateway.CreateClientFrom();
        client.Timeout = TimeSpan.FromSeconds(30);
        server.Kill();

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/admin/locks/alice"), (HttpMethod.Delete, "/admin/locks/alice"), (HttpMethod.Delete, "/admin/locks/alice/svc") })
        {
            var clock = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Add(AdminApiKey.HeaderName, Key);
            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(12));
        }

        Assert.NotEmpty(gateway.Logs.WithEventId(EventIds.AdminStoreUnavailable));
    }

    [Fact]
    public async Task Clear_OnAnotherReplica_FloodShieldForgetsAndUserGetsThrough()
    {
        var settings = new Dictionary<string, string?> { ["Admin:ApiKey"] = Key, ["Aup:KeyPrefix"] = $"replicas:{Guid.NewGuid():N}:" };
        await using var first = CreateGateway(Backend.Address, settings);
        await using var second = CreateGateway(Backend.Address, settings);
        using var toFirst = first.CreateClientFrom();
        using var toSecond = second.CreateClientFrom();
        var user = NewUser();
        using var allowed = await toFirst.CallAsync(user);
        using var refused = await toFirst.CallAsync(user);
        var shield = first.Services.GetRequiredService<KnownLocks>();
        Assert.Equal(1, shield.Count);

        using var cleared = await AdminAsync(toSecond, HttpMethod.Delete, $"/admin/locks/{user}");

        // The notice travels over Redis pub/sub: wait for it rather than call (a refused call restarts the window).
        var deadline = Stopwatch.StartNew();
        while (shield.Count > 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        using var afterClear = await toFirst.CallAsync(user);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterClear.StatusCode);
    }

    [Fact]
    public async Task Clear_HoldSlotOnAnotherReplica_NextCallThereIsForwardedWithoutWaiting()
    {
        var shared = new Dictionary<string, string?> { ["Aup:KeyPrefix"] = $"replicas:{Guid.NewGuid():N}:" };
        await using var first = CreateHoldGateway(shared);
        await using var second = CreateHoldGateway(shared);
        using var toFirst = first.CreateClientFrom();
        using var toSecond = second.CreateClientFrom();
        var user = NewUser();
        using var forwarded = await toFirst.CallAsync(user);

        using var listed = await AdminAsync(toSecond, HttpMethod.Get, $"/admin/locks/{user}");
        using var cleared = await AdminAsync(toSecond, HttpMethod.Delete, $"/admin/locks/{user}/retrieveDRRSLocations_v1");
        using var afterClear = await toFirst.CallAsync(user);

        Assert.Single((await ReadAsync(listed)).GetProperty("holdSlots").EnumerateArray());
        Assert.Equal(1, (await ReadAsync(cleared)).GetProperty("holdSlotsCleared").GetInt32());
        Assert.Equal(HttpStatusCode.OK, afterClear.StatusCode);
        Assert.False(afterClear.Headers.Contains(AupMiddleware.HeldHeader), "the call after clearing on another replica was held");
    }

    [Fact]
    public async Task Hold_SlotKeys_AllExpire()
    {
        var prefix = $"expiry:{Guid.NewGuid():N}:";
        await using var gateway = CreateHoldGateway(new Dictionary<string, string?> { ["Aup:KeyPrefix"] = prefix });
        using var client = gateway.CreateClientFrom();
        using var first = await client.CallAsync(NewUser());

        var keys = redis.Admin.Keys(pattern: prefix + "*").ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.NotNull(redis.Admin.Multiplexer.GetDatabase().KeyTimeToLive(key)));
    }

    private long CommandCalls(string command)
    {
        var stats = redis.Admin.Info("commandstats").SelectMany(group => group).ToList();
        var entry = stats.FirstOrDefault(pair => pair.Key == "cmdstat_" + command);
        if (entry.Value is null)
        {
            return 0;
        }

        var calls = entry.Value.Split(',')[0];
        return long.Parse(calls["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
