using DrrsGateway.Infrastructure;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// The flood shield's memory: keys this replica has seen refused, with a time before which their Redis lock
/// certainly still exists. Locks only ever get longer, so until then a request can be refused without
/// asking Redis. Only refused keys are remembered, so well-behaved users cost no memory here.
/// </summary>
internal sealed class KnownLocks(TimeProvider time) : IDisposable
{
    private readonly ExpiringKeyTable<AupKey> _lockedUntil = new(time);

    public int Count => _lockedUntil.Count;

    /// <summary>Whether <paramref name="key"/> is certainly locked at <paramref name="now"/>.</summary>
    public bool IsLocked(AupKey key, long now) => _lockedUntil.IsLive(key, now);

    /// <summary>Records that the lock of <paramref name="key"/> lasts at least until <paramref name="until"/>.</summary>
    public void Remember(AupKey key, long until) => _lockedUntil.Set(key, until);

    /// <summary>Forgets a key whose lock was cleared on purpose (admin unlock).</summary>
    public void Forget(AupKey key) => _lockedUntil.Remove(key, out _);

    /// <summary>Forgets every key of a user whose locks were cleared on purpose.</summary>
    public void ForgetUser(string user)
    {
        foreach (var entry in _lockedUntil.Entries)
        {
            if (string.Equals(entry.Key.User, user, StringComparison.Ordinal))
            {
                _lockedUntil.Remove(entry.Key, out _);
            }
        }
    }

    public void SweepExpired() => _lockedUntil.SweepExpired();

    public void Dispose() => _lockedUntil.Dispose();
}
