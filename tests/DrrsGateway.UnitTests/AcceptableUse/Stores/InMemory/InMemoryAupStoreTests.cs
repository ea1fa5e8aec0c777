using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.AcceptableUse.Stores.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.AcceptableUse.Stores.InMemory;

public sealed class InMemoryAupStoreTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly AupKey UserOnS = new("U", "s");
    private static readonly AupKey UserOnT = new("U", "t");

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryAupStore _store;
    private readonly DateTimeOffset _start;

    public InMemoryAupStoreTests()
    {
        _store = new InMemoryAupStore(_time);
        _start = _time.GetUtcNow();
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task RecordRequest_WorkedTimelineFromDrrsMd_AnswersAsCaisoDoes()
    {
        // The timeline of shared/DRRS.md, second by second.
        Assert.Equal(StoreAnswer.Allowed, await At(0, UserOnS));
        Assert.Equal(StoreAnswer.Rejected, await At(10, UserOnS));
        Assert.Equal(StoreAnswer.Allowed, await At(12, UserOnT));
        Assert.Equal(StoreAnswer.Rejected, await At(35, UserOnS));
        Assert.Equal(StoreAnswer.Allowed, await At(66, UserOnS));
    }

    [Fact]
    public async Task RecordRequest_ExactlyAtWindowEnd_IsAllowed()
    {
        await At(0, UserOnS);
        Assert.Equal(StoreAnswer.Rejected, await At(29.999, UserOnS));
        Assert.Equal(StoreAnswer.Allowed, await At(59.999, UserOnS));
    }

    [Fact]
    public async Task RecordRequest_RetryEveryTenSeconds_IsRefusedForever()
    {
        Assert.Equal(StoreAnswer.Allowed, await At(0, UserOnS));
        for (var second = 10; second <= 600; second += 10)
        {
            Assert.Equal(StoreAnswer.Rejected, await At(second, UserOnS));
        }
    }

    [Fact]
    public async Task RecordRequest_OtherUserSameService_IsIndependent()
    {
        await At(0, UserOnS);
        Assert.Equal(StoreAnswer.Allowed, await At(1, new AupKey("V", "s")));
    }

    [Fact]
    public async Task RecordRequest_ManySimultaneousSameKey_AllowsExactlyOne()
    {
        for (var round = 0; round < 20; round++)
        {
            var key = new AupKey($"user-{round}", "s");
            using var start = new ManualResetEventSlim();
            var tasks = Enumerable.Range(0, 64)
                .Select(_ => Task.Run(() =>
                {
                    start.Wait();
                    return _store.RecordRequestAsync(key, Window).AsTask();
                }))
                .ToArray();
            start.Set();
            var decisions = await Task.WhenAll(tasks);
            Assert.Equal(1, decisions.Count(d => d == StoreAnswer.Allowed));
        }
    }

    [Fact]
    public async Task SweepExpired_AfterWindow_ReclaimsEntries()
    {
        for (var i = 0; i < 1000; i++)
        {
            await _store.RecordRequestAsync(new AupKey($"user-{i}", "s"), Window);
        }

        _time.Advance(Window);
        _store.SweepExpired();

        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public async Task SweepExpired_LockRestartedInsideWindow_KeepsIt()
    {
        await At(0, UserOnS);
        await At(20, UserOnS);

        _time.Advance(TimeSpan.FromSeconds(15));
        _store.SweepExpired();

        Assert.Equal(1, _store.Count);
        Assert.Equal(StoreAnswer.Rejected, await _store.RecordRequestAsync(UserOnS, Window));
    }

    [Fact]
    public async Task Sweeper_TimerFires_ReclaimsWithoutBeingCalled()
    {
        await _store.RecordRequestAsync(UserOnS, Window);

        // The sweep timer runs on the injected clock, so advancing it is enough.
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0, _store.Count);
    }

    private ValueTask<StoreAnswer> At(double second, AupKey key)
    {
        var target = _start.AddSeconds(second);
        _time.Advance(target - _time.GetUtcNow());
        return _store.RecordRequestAsync(key, Window);
    }

    [Fact]
    public async Task RecordRequest_UsersWhoseNamesDifferOnlyInCaseOrLength_AreIndependent()
    {
        Assert.Equal(StoreAnswer.Allowed, await At(0, new AupKey("alice", "s")));
        Assert.Equal(StoreAnswer.Allowed, await At(0, new AupKey("Alice", "s")));
        Assert.Equal(StoreAnswer.Allowed, await At(0, new AupKey("alice ", "s")));
        Assert.Equal(StoreAnswer.Allowed, await At(0, new AupKey(string.Empty, "s")));
        Assert.Equal(StoreAnswer.Rejected, await At(1, new AupKey("alice", "s")));
    }

    [Fact]
    public async Task RecordRequest_LockHeld_DoesNotKeepTheUsersNameAlive()
    {
        // The table keeps a fingerprint of the user, not the name: a million live locks do not hold a
        // million names (docs/performance.md, the memory target).
        var name = await LockForAUserWhoseNameIsThenDropped();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(name.TryGetTarget(out _));
        Assert.Equal(StoreAnswer.Rejected, await At(1, new AupKey(new string('u', 40), "s")));
    }

    private async Task<WeakReference<string>> LockForAUserWhoseNameIsThenDropped()
    {
        var user = new string('u', 40);
        Assert.Equal(StoreAnswer.Allowed, await At(0, new AupKey(user, "s")));
        return new WeakReference<string>(user);
    }
}
