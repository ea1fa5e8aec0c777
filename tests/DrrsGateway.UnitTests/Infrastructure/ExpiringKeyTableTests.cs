using DrrsGateway.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace DrrsGateway.UnitTests.Infrastructure;

public sealed class ExpiringKeyTableTests : IDisposable
{
    private static readonly TimeSpan Span = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider _time = new();
    private readonly ExpiringKeyTable<string> _table;

    public ExpiringKeyTableTests() => _table = new ExpiringKeyTable<string>(_time, SweepInterval);

    public void Dispose() => _table.Dispose();

    [Fact]
    public void Restart_NewKey_WasNotLive()
    {
        Assert.False(_table.Restart("k", Span));
        Assert.True(_table.IsLive("k", _table.Now));
    }

    [Fact]
    public void Restart_WithinSpan_WasLiveAndRestartsTheSpan()
    {
        _table.Restart("k", Span);
        _time.Advance(Span / 2);

        Assert.True(_table.Restart("k", Span));

        _time.Advance(Span / 2);
        Assert.True(_table.IsLive("k", _table.Now));
    }

    [Fact]
    public void Restart_AfterSpan_WasNotLive()
    {
        _table.Restart("k", Span);
        _time.Advance(Span);

        Assert.False(_table.Restart("k", Span));
    }

    [Fact]
    public void TryStart_WithinSpan_RefusesWithoutExtending()
    {
        Assert.True(_table.TryStart("k", Span));
        _time.Advance(Span / 2);

        Assert.False(_table.TryStart("k", Span));

        _time.Advance(Span / 2);
        Assert.False(_table.IsLive("k", _table.Now));
        Assert.True(_table.TryStart("k", Span));
    }

    [Fact]
    public void TryStart_OtherKey_StartsIndependently()
    {
        _table.TryStart("k", Span);

        Assert.True(_table.TryStart("other", Span));
    }

    [Fact]
    public void Timer_SweepInterval_RemovesExpiredKeysAndKeepsLiveOnes()
    {
        _table.Set("expired", _table.Now + _table.Ticks(Span));
        _table.Set("live", _table.Now + _table.Ticks(SweepInterval * 2));

        _time.Advance(SweepInterval);

        Assert.Equal(1, _table.Count);
        Assert.True(_table.IsLive("live", _table.Now));
    }

    [Fact]
    public void Remove_HeldKey_ReturnsItsExpiry()
    {
        var expiry = _table.Now + _table.Ticks(Span);
        _table.Set("k", expiry);

        Assert.True(_table.Remove("k", out var removed));
        Assert.Equal(expiry, removed);
        Assert.False(_table.Remove("k", out _));
    }

    [Fact]
    public void Clear_LiveKeys_AreForgotten()
    {
        _table.TryStart("k", Span);

        _table.Clear();

        Assert.Equal(0, _table.Count);
        Assert.True(_table.TryStart("k", Span));
    }

    [Fact]
    public void Entries_ListsKeysWithTheirExpiries()
    {
        var expiry = _table.Now + _table.Ticks(Span);
        _table.Set("k", expiry);

        Assert.Equal(new KeyValuePair<string, long>("k", expiry), Assert.Single(_table.Entries));
    }

    [Fact]
    public void Entries_WhileTheTableChanges_ListsEveryKeyHeldBefore()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => $"k{i}").ToList();
        keys.ForEach(key => _table.Restart(key, Span));

        var listed = new List<string>();
        foreach (var (key, _) in _table.Entries)
        {
            listed.Add(key);
            if (!key.EndsWith("-new", StringComparison.Ordinal))
            {
                _table.Remove(key, out _);
                _table.Restart(key + "-new", Span);
            }
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Intersect(keys).Order(StringComparer.Ordinal));
        Assert.Equal(keys.Count, keys.Count(key => _table.IsLive(key + "-new", _table.Now)));
    }

    [Fact]
    public async Task Restart_ManyCallersOnManyKeysAtOnce_AllowsExactlyOnePerKey()
    {
        // Keys spread over every shard, each raced by several callers: one finds it free, the rest live.
        const int Keys = 2000;
        const int CallersPerKey = 8;
        var wasLive = new int[Keys];
        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, CallersPerKey).Select(_ => Task.Run(() =>
        {
            start.Wait();
            for (var key = 0; key < Keys; key++)
            {
                if (_table.Restart($"k{key}", Span))
                {
                    Interlocked.Increment(ref wasLive[key]);
                }
            }
        })).ToArray();

        start.Set();
        await Task.WhenAll(callers);

        Assert.All(wasLive, live => Assert.Equal(CallersPerKey - 1, live));
        Assert.Equal(Keys, _table.Count);
    }

    [Fact]
    public void SweepExpired_AfterABurstExpired_KeepsLiveKeysInEveryShard()
    {
        for (var i = 0; i < 100_000; i++)
        {
            _table.Restart($"burst{i}", Span);
        }

        _time.Advance(Span);
        var live = Enumerable.Range(0, 500).Select(i => $"live{i}").ToList();
        live.ForEach(key => _table.Restart(key, Span));

        _table.SweepExpired();

        Assert.Equal(live.Count, _table.Count);
        Assert.All(live, key => Assert.True(_table.IsLive(key, _table.Now)));
        Assert.False(_table.Remove("burst7", out _));
    }
}
