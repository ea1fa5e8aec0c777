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
}
