using System.Diagnostics;
using System.Net;
using DrrsGateway.AcceptableUse.Stores.Redis;
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
        await using var replicas = new TwoReplicas(this, $"shield:{Guid.NewGuid():N}:", windowSeconds: 2);
        var (toFlooded, toOther) = (replicas.ToFlooded, replicas.ToOther);
        var user = await replicas.LockedUserAsync();

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

    [Fact]
    public async Task Flood_BackToBack_WritesRedisAboutOncePerIntervalAndEndsTheLockAWindowAfterTheLastRefusal()
    {
        var prefix = $"shield:{Guid.NewGuid():N}:";
        var window = TimeSpan.FromSeconds(2);
        await using var replicas = new TwoReplicas(this, prefix, windowSeconds: 2);
        var (toFlooded, toOther) = (replicas.ToFlooded, replicas.ToOther);
        var user = await replicas.LockedUserAsync();

        using var inspector = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");
        var server = inspector.GetServers()[0];
        var setsBefore = await SetCallsAsync(server);

        // A second of refusals back to back on four connections: hundreds or thousands of them.
        var refusals = 0;
        var clock = Stopwatch.StartNew();
        var flood = TimeSpan.FromSeconds(1);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < flood)
            {
                using var refused = await toFlooded.CallAsync(user);
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                Interlocked.Increment(ref refusals);
            }
        })));
        var lastAnswered = clock.Elapsed;

        // The last interval's restart is sent within 100 ms of the last refusal.
        await Task.Delay(FloodRestarts.Interval * 3);
        var sets = await SetCallsAsync(server) - setsBefore;
        var key = server.Keys(pattern: prefix + "*").Single();
        var ttl = await inspector.GetDatabase().KeyTimeToLiveAsync(key);
        var lockEnds = clock.Elapsed + ttl!.Value;

        Assert.True(refusals >= 100, $"only {refusals} refusals");
        Assert.InRange(sets, 1, 24);

        // The last refusal was answered by lastAnswered and made at most one call's time before: the lock ends a
        // window after it (the margins: that call's time, and the clocks of this process and Redis).
        Assert.InRange(lockEnds, lastAnswered + window - TimeSpan.FromMilliseconds(250), lastAnswered + window + TimeSpan.FromMilliseconds(150));

        await Task.Delay(lockEnds - clock.Elapsed + TimeSpan.FromMilliseconds(150));
        using var afterWindow = await toOther.CallAsync(user);
        Assert.Equal(HttpStatusCode.OK, afterWindow.StatusCode);
    }

    private static async Task<long> SetCallsAsync(IServer server)
    {
        var stats = await server.InfoAsync("commandstats");
        var set = stats.SelectMany(group => group).Single(entry => entry.Key == "cmdstat_set").Value;
        var calls = set.Split(',').Single(part => part.StartsWith("calls=", StringComparison.Ordinal));
        return long.Parse(calls["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Two replicas on one Redis and key prefix: one to flood, one to look from.</summary>
    private sealed class TwoReplicas(FloodShieldTests test, string prefix, int windowSeconds) : IAsyncDisposable
    {
        private readonly GatewayFactory _flooded = test.NewReplica(prefix, windowSeconds);
        private readonly GatewayFactory _other = test.NewReplica(prefix, windowSeconds);

        public HttpClient ToFlooded => field ??= _flooded.CreateClientFrom();

        public HttpClient ToOther => field ??= _other.CreateClientFrom();

        /// <summary>A new user whose first call, through the flooded replica, was allowed: its lock is open.</summary>
        public async Task<string> LockedUserAsync()
        {
            var user = NewUser();
            using var allowed = await ToFlooded.CallAsync(user);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            return user;
        }

        public async ValueTask DisposeAsync()
        {
            ToFlooded.Dispose();
            ToOther.Dispose();
            await _flooded.DisposeAsync();
            await _other.DisposeAsync();
        }
    }

    private GatewayFactory NewReplica(string prefix, int windowSeconds) => new(Backend.Address, Redis.ConnectionString,
        new Dictionary<string, string?>
        {
            ["Aup:KeyPrefix"] = prefix,
            ["Aup:WindowSeconds"] = windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
}
