using System.Diagnostics;
using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using StackExchange.Redis;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>
/// The flood shield answers known-locked keys without waiting for Redis, yet leaves Redis exactly as a
/// round trip per request would: another replica sees every refused request's restart.
/// </summary>
public sealed class FloodShieldTests : OwnRedisTests
{
    [Fact]
    public async Task Flood_OnOneReplica_RestartsTheWindowSeenByTheOther()
    {
        var prefix = $"shield:{Guid.NewGuid():N}:";
        await using var flooded = NewReplica(prefix, windowSeconds: 2);
        await using var other = NewReplica(prefix, windowSeconds: 2);
        using var toFlooded = flooded.CreateClientFrom();
        using var toOther = other.CreateClientFrom();
        var user = NewUser();

        using (var allowed = await toFlooded.CallAsync(user))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        // Refused every 250 ms for 3 s: longer than the window, so only the shield's restarts in Redis
        // can keep the lock alive for the other replica.
        var flood = Stopwatch.StartNew();
        while (flood.Elapsed < TimeSpan.FromSeconds(3))
        {
            using var refused = await toFlooded.CallAsync(user);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            await Task.Delay(250);
        }

        using (var elsewhere = await toOther.CallAsync(user))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, elsewhere.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var afterQuiet = await toOther.CallAsync(user);
        Assert.Equal(HttpStatusCode.OK, afterQuiet.StatusCode);
        Assert.Equal(2, Backend.CountFor(LocationsPath));
    }

    [Fact]
    public async Task Refusal_KnownLockedKeyWhileRedisStalls_AnsweredWithoutWaiting()
    {
        await using var gateway = NewReplica($"shield:{Guid.NewGuid():N}:", windowSeconds: 30);
        using var client = gateway.CreateClientFrom();
        var user = NewUser();
        using (var first = await client.CallAsync(user))
        using (var second = await client.CallAsync(user))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        }

        using var admin = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");
        await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "2000", "ALL");
        var clock = Stopwatch.StartNew();
        using var third = await client.CallAsync(user);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(250), $"took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Flood_LockKeyAfterwards_HasTtlOfAFreshWindow()
    {
        var prefix = $"shield:{Guid.NewGuid():N}:";
        await using var gateway = NewReplica(prefix, windowSeconds: 30);
        using var client = gateway.CreateClientFrom();
        var user = NewUser();
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.CallAsync(user);
        }

        using var inspector = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");
        var key = inspector.GetServers()[0].Keys(pattern: prefix + "*").Single();
        await Task.Delay(1500);
        using var last = await client.CallAsync(user);

        // The restart is fire-and-forget: on a loaded machine it may land a little after the answer. Before
        // the last call the TTL was at most 28.5 s, so a TTL of 29 s or more within a second of it can only
        // come from that call's restart.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ttl = await inspector.GetDatabase().KeyTimeToLiveAsync(key);
        while (ttl < TimeSpan.FromSeconds(29) && clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(50);
            ttl = await inspector.GetDatabase().KeyTimeToLiveAsync(key);
        }

        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(30));
    }

    private GatewayFactory NewReplica(string prefix, int windowSeconds) => new(Backend.Address, Redis.ConnectionString,
        new Dictionary<string, string?>
        {
            ["Aup:KeyPrefix"] = prefix,
            ["Aup:WindowSeconds"] = windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
