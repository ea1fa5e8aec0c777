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

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }

        Server.Dispose();
    }
}

/// <summary>Tests that share the fixture's redis-server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "Redis";
}
