using System.Collections.Concurrent;

namespace DrrsGateway.AcceptableUse.Stores;

/// <summary>
/// The embedded store: a lock table in this process, for a single gateway instance. Atomic per key through
/// compare-and-swap; expired entries are swept on a timer so memory follows the number of live locks.
/// </summary>
internal sealed class InMemoryAupStore : IAupStore, IDisposable
{
    // Often enough that expired locks never outnumber live ones by much, cheap enough at a million keys.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<AupKey, long> _expiryByKey = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public InMemoryAupStore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _sweeper = time.CreateTimer(static state => ((InMemoryAupStore)state!).SweepExpired(), this, SweepInterval, SweepInterval);
    }

    /// <summary>Number of keys held, expired ones not yet swept included.</summary>
    public int Count => _expiryByKey.Count;

    public ValueTask<AupDecision> RecordRequestAsync(AupKey key, TimeSpan window)
    {
        var now = _time.GetTimestamp();
        var expiry = now + ToTimestampTicks(window);
        while (true)
        {
            if (!_expiryByKey.TryGetValue(key, out var current))
            {
                if (_expiryByKey.TryAdd(key, expiry))
                {
                    return ValueTask.FromResult(AupDecision.Allowed);
                }

                continue;
            }

            // Only the request whose swap lands decides against the value it saw, so racing requests
            // cannot both find the lock expired.
            if (_expiryByKey.TryUpdate(key, expiry, current))
            {
                return ValueTask.FromResult(current <= now ? AupDecision.Allowed : AupDecision.Rejected);
            }
        }
    }

    /// <summary>Removes every lock whose window has ended.</summary>
    public void SweepExpired()
    {
        var now = _time.GetTimestamp();
        foreach (var entry in _expiryByKey)
        {
            if (entry.Value <= now)
            {
                // Removes only if unchanged: a request that just restarted the window keeps its lock.
                _expiryByKey.TryRemove(entry);
            }
        }
    }

    /// <summary>The locks whose window is still open, with the time left on each (for the admin API).</summary>
    internal IEnumerable<(AupKey Key, TimeSpan Remaining)> LiveLocks()
    {
        var now = _time.GetTimestamp();
        foreach (var entry in _expiryByKey)
        {
            if (entry.Value > now)
            {
                yield return (entry.Key, _time.GetElapsedTime(now, entry.Value));
            }
        }
    }

    /// <summary>Removes the lock on <paramref name="key"/> (for the admin API); true when its window was still open.</summary>
    internal bool RemoveLock(AupKey key) =>
        _expiryByKey.TryRemove(key, out var expiry) && expiry > _time.GetTimestamp();

    public void Dispose() => _sweeper.Dispose();

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
