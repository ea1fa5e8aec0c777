using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Stores.InMemory;

/// <summary>
/// The embedded store: a lock table in this process, for a single gateway instance. Atomic per key through
/// compare-and-swap; expired entries are swept on a timer so memory follows the number of live locks.
/// </summary>
internal sealed class InMemoryAupStore : IAupStore, IDisposable
{
    private readonly ExpiringKeyTable _locks;

    public InMemoryAupStore(TimeProvider time) => _locks = new ExpiringKeyTable(time);

    /// <summary>Number of keys held, expired ones not yet swept included.</summary>
    public int Count => _locks.Count;

    public ValueTask<StoreAnswer> RecordRequestAsync(AupKey key, TimeSpan window)
    {
        var now = _locks.Now;
        var expiry = now + _locks.Ticks(window);
        var expiries = _locks.Expiries;
        while (true)
        {
            if (!expiries.TryGetValue(key, out var current))
            {
                if (expiries.TryAdd(key, expiry))
                {
                    return ValueTask.FromResult(StoreAnswer.Allowed);
                }

                continue;
            }

            // Only the request whose swap lands decides against the value it saw, so racing requests
            // cannot both find the lock expired.
            if (expiries.TryUpdate(key, expiry, current))
            {
                return ValueTask.FromResult(current <= now ? StoreAnswer.Allowed : StoreAnswer.Rejected);
            }
        }
    }

    /// <summary>Removes every lock whose window has ended.</summary>
    public void SweepExpired() => _locks.SweepExpired();

    /// <summary>The locks whose window is still open, with the time left on each (for the admin API).</summary>
    internal IEnumerable<(AupKey Key, TimeSpan Remaining)> LiveLocks()
    {
        var now = _locks.Now;
        foreach (var entry in _locks.Expiries)
        {
            if (entry.Value > now)
            {
                yield return (entry.Key, _locks.Time.GetElapsedTime(now, entry.Value));
            }
        }
    }

    /// <summary>Removes the lock on <paramref name="key"/> (for the admin API); true when its window was still open.</summary>
    internal bool RemoveLock(AupKey key) =>
        _locks.Expiries.TryRemove(key, out var expiry) && expiry > _locks.Now;

    public void Dispose() => _locks.Dispose();
}
