using System.Net;
using DrrsGateway.IntegrationTests.Infrastructure;
using static DrrsGateway.IntegrationTests.Infrastructure.GatewayRequests;

namespace DrrsGateway.IntegrationTests.AcceptableUse;

/// <summary>Several gateway instances on one Redis enforce one policy, and Redis holds no lock forever.</summary>
[Collection(RedisCollection.Name)]
public sealed class SharedRedisTests(RedisFixture redis) : IAsyncLifetime
{
    private readonly string _keyPrefix = $"shared:{Guid.NewGuid():N}:";
    private RecordingBackend _backend = null!;
    private GatewayFactory _first = null!;
    private GatewayFactory _second = null!;

    public async Task InitializeAsync()
    {
        _backend = await RecordingBackend.StartAsync();
        _first = NewInstance();
        _second = NewInstance();
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Fact]
    public async Task Call_AllowedOnOneInstance_IsRefusedOnTheOther()
    {
        var user = NewUser();
        using var onFirst = await _first.CreateClientFrom().CallAsync(user);
        using var onSecond = await _second.CreateClientFrom().CallAsync(user);

        Assert.Equal(HttpStatusCode.OK, onFirst.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, onSecond.StatusCode);
    }

    [Fact]
    public async Task Call_64SimultaneousAcrossTwoInstances_AllowsExactlyOne()
    {
        var clients = new[] { _first.CreateClientFrom(), _second.CreateClientFrom() };
        for (var round = 0; round < 5; round++)
        {
            var user = NewUser();
            var responses = await Task.WhenAll(Enumerable.Range(0, 64)
                .Select(i => Task.Run(() => clients[i % 2].CallAsync(user))));

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(63, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        }

        Assert.Equal(5, _backend.CountFor(LocationsPath));
    }

    [Fact]
    public async Task LockKeys_AfterAllowedAndRefusedCalls_AllExpireWithinTheWindow()
    {
        var user = NewUser();
        for (var i = 0; i < 3; i++)
        {
            using var response = await _first.CreateClientFrom().CallAsync(user, LocationsPath);
            using var other = await _second.CreateClientFrom().CallAsync(user, RegistrationsPath);
        }

        var keys = redis.Admin.Keys(pattern: _keyPrefix + "*").ToArray();
        Assert.Equal(2, keys.Length);
        foreach (var key in keys)
        {
            var ttl = await redis.Database.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task Call_NamesWithSeparatorsAndNonAscii_KeyedApart()
    {
        // "a:b" on "c" and "a" on "b:c" would collide under naive "user:service" keys.
        using var client = _first.CreateClientFrom();
        using var first = await client.CallAsync("a:b", "/sst/c");
        using var second = await client.CallAsync("a", "/sst/b:c");
        using var third = await client.CallAsync("{x}*", "/sst/c");

        Assert.All(new[] { first, second, third }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var keys = redis.Admin.Keys(pattern: _keyPrefix + "*").Select(k => k.ToString()).ToHashSet();
        Assert.Equal(3, keys.Count);
    }

    // Key encoding is tested with names no catalog holds (separators, glob characters): the catalog is off.
    private GatewayFactory NewInstance() => new(_backend.Address, redis.Server.ConnectionString,
        new Dictionary<string, string?> { ["Aup:KeyPrefix"] = _keyPrefix, ["Aup:Services:Enabled"] = "false" });
}
