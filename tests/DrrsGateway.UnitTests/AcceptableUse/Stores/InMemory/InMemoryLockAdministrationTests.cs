using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.AcceptableUse.Stores.InMemory;
using DrrsGateway.Admin;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.InMemory;

public sealed class InMemoryLockAdministrationTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryAupStore _store;
    private readonly InMemoryHoldSlots _slots;
    private readonly InMemoryLockAdministration _admin;

    public InMemoryLockAdministrationTests()
    {
        _store = new InMemoryAupStore(_time);
        _slots = new InMemoryHoldSlots(_time);
        _admin = new InMemoryLockAdministration(_store, _slots);
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

    [Fact]
    public async Task ListHoldSlotsAsync_ReservedAndPassedSlots_ShowsOnlyComingOnesWithTimeUntilThem()
    {
        await Reserve(new AupKey("alice", "old"));
        _time.Advance(Window + TimeSpan.FromSeconds(1));
        await Reserve(new AupKey("alice", "new"));
        await Reserve(new AupKey("Alice", "other-user"));
        _time.Advance(TimeSpan.FromSeconds(10));

        var slots = await _admin.ListHoldSlotsAsync("alice", CancellationToken.None);

        var only = Assert.Single(slots);
        Assert.Equal("new", only.Service);
        Assert.Equal(TimeSpan.FromSeconds(20), only.UntilNextSlot);
    }

    [Fact]
    public async Task ClearHoldSlotAsync_ReservedSlot_NextCallIsForwardedAtOnce()
    {
        var key = new AupKey("alice", "svc");
        await Reserve(key);
        await _slots.ForwardedAsync(key, Window);

        Assert.True(await _admin.ClearHoldSlotAsync(key, CancellationToken.None));
        Assert.Equal(HoldSlotKind.Now, (await Reserve(key)).Kind);
        Assert.Equal(TimeSpan.Zero, await _slots.RemainingAsync(key, Window));
    }

    [Fact]
    public async Task ClearHoldSlotAsync_PassedSlot_ReportsNothingCleared()
    {
        var key = new AupKey("alice", "svc");
        await Reserve(key);
        _time.Advance(Window);

        Assert.False(await _admin.ClearHoldSlotAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task ClearHoldSlotsAsync_UserWithTwoSlots_ClearsOnlyThatUser()
    {
        await Reserve(new AupKey("alice", "a"));
        await Reserve(new AupKey("alice", "b"));
        await Reserve(new AupKey("bob", "a"));

        Assert.Equal(2, await _admin.ClearHoldSlotsAsync("alice", CancellationToken.None));
        Assert.Empty(await _admin.ListHoldSlotsAsync("alice", CancellationToken.None));
        Assert.Single(await _admin.ListHoldSlotsAsync("bob", CancellationToken.None));
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(29_999.001, 30_000)]
    public void HoldSlotView_From_RoundsMillisecondsUp(double remaining, long expected)
    {
        Assert.Equal(expected, HoldSlotView.From(new HeldSlot("svc", TimeSpan.FromMilliseconds(remaining))).MillisecondsUntilNextSlot);
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(29.0, 29)]
    [InlineData(29.001, 30)]
    public void LockView_From_RoundsSecondsUp(double remaining, int expected)
    {
        Assert.Equal(expected, LockView.From(new ActiveLock("svc", TimeSpan.FromSeconds(remaining))).SecondsRemaining);
    }

    private ValueTask<HoldSlot> Reserve(AupKey key) => _slots.ReserveAsync(key, Window, TimeSpan.FromMinutes(5), 10);
}
