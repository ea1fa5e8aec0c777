using DrrsGateway.AcceptableUse.Stores.InMemory;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.AcceptableUse;
using DrrsGateway.Admin;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.Admin;

public sealed class InMemoryLockAdministrationTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryAupStore _store;
    private readonly InMemoryLockAdministration _admin;

    public InMemoryLockAdministrationTests()
    {
        _store = new InMemoryAupStore(_time);
        _admin = new InMemoryLockAdministration(_store);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task ListAsync_OpenAndExpiredWindows_ShowsOnlyOpenOnesWithTimeLeft()
    {
        await _store.RecordRequestAsync(new AupKey("alice", "old"), Window);
        _time.Advance(TimeSpan.FromSeconds(31));
        await _store.RecordRequestAsync(new AupKey("alice", "new"), Window);
        await _store.RecordRequestAsync(new AupKey("Alice", "other-user"), Window);
        _time.Advance(TimeSpan.FromSeconds(10));

        var locks = await _admin.ListAsync("alice", CancellationToken.None);

        var only = Assert.Single(locks);
        Assert.Equal("new", only.Service);
        Assert.Equal(TimeSpan.FromSeconds(20), only.Remaining);
    }

    [Fact]
    public async Task ClearAsync_OpenWindow_AllowsNextRequest()
    {
        var key = new AupKey("alice", "svc");
        await _store.RecordRequestAsync(key, Window);

        Assert.True(await _admin.ClearAsync(key, CancellationToken.None));
        Assert.Equal(StoreAnswer.Allowed, await _store.RecordRequestAsync(key, Window));
    }

    [Fact]
    public async Task ClearAsync_ExpiredWindow_ReportsNothingCleared()
    {
        var key = new AupKey("alice", "svc");
        await _store.RecordRequestAsync(key, Window);
        _time.Advance(Window);

        Assert.False(await _admin.ClearAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task ClearAllAsync_UserWithTwoLocks_ClearsOnlyThatUser()
    {
        await _store.RecordRequestAsync(new AupKey("alice", "a"), Window);
        await _store.RecordRequestAsync(new AupKey("alice", "b"), Window);
        await _store.RecordRequestAsync(new AupKey("bob", "a"), Window);

        Assert.Equal(2, await _admin.ClearAllAsync("alice", CancellationToken.None));
        Assert.Empty(await _admin.ListAsync("alice", CancellationToken.None));
        Assert.Single(await _admin.ListAsync("bob", CancellationToken.None));
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(29.0, 29)]
    [InlineData(29.001, 30)]
    public void LockView_From_RoundsSecondsUp(double remaining, int expected)
    {
        Assert.Equal(expected, LockView.From(new ActiveLock("svc", TimeSpan.FromSeconds(remaining))).SecondsRemaining);
    }
}
