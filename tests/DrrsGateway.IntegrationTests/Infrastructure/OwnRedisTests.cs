namespace DrrsGateway.IntegrationTests.Infrastructure;

/// <summary>
/// Base for tests that kill, pause or otherwise disturb Redis: each test gets a redis-server of its own,
/// never the shared one, and a fresh <see cref="RecordingBackend"/>.
/// </summary>
public abstract class OwnRedisTests : IAsyncLifetime
{
    protected RedisServer Redis { get; private set; } = null!;

    protected RecordingBackend Backend { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = RedisServer.Start();
        Backend = await RecordingBackend.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Backend.DisposeAsync();
        Redis.Dispose();
    }
}
