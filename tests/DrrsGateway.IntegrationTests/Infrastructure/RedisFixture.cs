using StackExchange.Redis;

namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>One redis-server shared by the tests of the <see cref="RedisCollection"/>.</summary>
public sealed class RedisFixture : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _client;

    public RedisFixture()
    {
        Server = RedisServer.Start();
        _client = new(() => ConnectionMultiplexer.Connect(Server.ConnectionString + ",allowAdmin=true"));
    }

    public RedisServer Server { get; }

    /// <summary>A client for tests that inspect Redis directly.</summary>
    public IDatabase Database => _client.Value.GetDatabase();

    public IServer Admin => _client.Value.GetServers()[0];

    /// <summary>
    /// Stops the server, after checking the invariant every test run must leave behind: each key in Redis
    /// expires, and no later than the longest window the tests use (CAISO's 30 s).
    /// </summary>
    public void Dispose()
    {
        try
        {
            AssertEveryKeyExpiresWithinWindow();
        }
        finally
        {
            if (_client.IsValueCreated)
            {
                _client.Value.Dispose();
            }

            Server.Dispose();
        }
    }

    private void AssertEveryKeyExpiresWithinWindow()
    {
        var offenders = new List<string>();
        foreach (var key in Admin.Keys(pattern: "*"))
        {
            var ttl = Database.KeyTimeToLive(key);
            if (ttl is null || ttl > TimeSpan.FromSeconds(30))
            {
                offenders.Add($"{key} (TTL {ttl?.ToString() ?? "none"})");
            }
        }

        if (offenders.Count > 0)
        {
            throw new InvalidOperationException($"Lock keys without a TTL within the window: {string.Join(", ", offenders)}");
        }
    }
}

/// <summary>Tests that share the fixture's redis-server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "Redis";
}
