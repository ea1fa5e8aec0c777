using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Stores.InMemory;

/// <summary>
/// The embedded store: a lock table in this process, for a single gateway instance. Atomic per key through
/// compare-and-swap; expired entries are swept on a timer so memory follows the number of live locks.
/// </summary>
internal sealed class InMemoryAupStore : IAupStore, IDisposable
{
    private readonly ExpiringKeyTable<AupKey> _locks;

    public InMemoryAupStore(TimeProvider time) => _locks = new ExpiringKeyTable<AupKey>(time);

    /// <summary>Number of keys held, expired ones not yet swept included.</summary>
    public int Count => _locks.Count;

    public ValueTask<StoreAnswer> RecordRequestAsync(AupKey key, TimeSpan window) =>
        ValueTask.FromResult(_locks.Restart(key, window) ? StoreAnswer.Rejected : StoreAnswer.Allowed);

    /// <summary>Removes every lock whose window has ended.</summary>
    public void SweepExpired() => _locks.SweepExpired();

    /// <summary>The locks whose window is still open, with the time left on each (for the admin API).</summary>
    internal IEnumerable<(AupKey Key, TimeSpan Remaining)> LiveLocks()
    {
        var now = _locks.Now;
        foreach (var entry in _locks.Entries)
        {
            if (entry.Value > now)
            {
                yield return (entry.Key, _locks.Time.GetElapsedTime(now, entry.Value));
            }
        }
    }

    /// <summary>Removes the lock on <paramref name="key"/> (for the admin API); true when its window was still open.</summary>
    internal bool RemoveLock(AupKey key) =>
        _locks.Remove(key, out var expiry) && expiry > _locks.Now;

    public void Dispose() => _locks.Dispose();
}
