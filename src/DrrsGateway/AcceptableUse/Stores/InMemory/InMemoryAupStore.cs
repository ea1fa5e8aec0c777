using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Stores.InMemory;

/// <summary>
/// The embedded store: a lock table in this process, for a single gateway instance. Atomic per key (each
/// decision is made and the window restarted under the key's shard lock); expired entries are swept on a
/// timer so memory follows the number of live locks. Users are kept as fingerprints (<see cref="LockId"/>).
/// </summary>
internal sealed class InMemoryAupStore : IAupStore, IDisposable
{
    private readonly ExpiringKeyTable<LockId> _locks;
    private readonly UserFingerprints _fingerprints = new();

    public InMemoryAupStore(TimeProvider time) => _locks = new ExpiringKeyTable<LockId>(time);

    /// <summary>Number of keys held, expired ones not yet swept included.</summary>
    public int Count => _locks.Count;

    public ValueTask<StoreAnswer> RecordRequestAsync(AupKey key, TimeSpan window) =>
        ValueTask.FromResult(_locks.Restart(_fingerprints.Of(key), window) ? StoreAnswer.Rejected : StoreAnswer.Allowed);

    /// <summary>Removes every lock whose window has ended.</summary>
    public void SweepExpired() => _locks.SweepExpired();

    /// <summary>The services <paramref name="user"/> holds an open window on, with the time left on each (for the admin API).</summary>
    internal IEnumerable<(string Service, TimeSpan Remaining)> LiveLocksOf(string user)
    {
        var wanted = _fingerprints.Of(new AupKey(user, string.Empty));
        var now = _locks.Now;
        foreach (var (id, expiry) in _locks.Entries)
        {
            if (id.UserHigh == wanted.UserHigh && id.UserLow == wanted.UserLow && expiry > now)
            {
                yield return (id.Service, _locks.Time.GetElapsedTime(now, expiry));
            }
        }
    }

    /// <summary>Removes the lock on <paramref name="key"/> (for the admin API); true when its window was still open.</summary>
    internal bool RemoveLock(AupKey key) =>
        _locks.Remove(_fingerprints.Of(key), out var expiry) && expiry > _locks.Now;

    public void Dispose() => _locks.Dispose();
}
