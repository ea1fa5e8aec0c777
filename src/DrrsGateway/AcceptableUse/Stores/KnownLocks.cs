using System.Collections.Concurrent;

namespace DrrsGateway.AcceptableUse.Stores;

/// <summary>
/// The flood shield's memory: keys this replica has seen refused, with a time before which their Redis lock
/// certainly still exists. Locks only ever get longer, so until then a request can be refused without
/// asking Redis. Only refused keys are remembered, so well-behaved users cost no memory here.
/// </summary>
internal sealed class KnownLocks : IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<AupKey, long> _lockedUntil = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    public KnownLocks(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _sweeper = time.CreateTimer(static state => ((KnownLocks)state!).SweepExpired(), this, SweepInterval, SweepInterval);
    }

    public int Count => _lockedUntil.Count;

    /// <summary>Whether <paramref name="key"/> is certainly locked at <paramref name="now"/>.</summary>
    public bool IsLocked(AupKey key, long now) => _lockedUntil.TryGetValue(key, out var until) && until > now;

    /// <summary>Records that the lock of <paramref name="key"/> lasts at least until <paramref name="until"/>.</summary>
    public void Remember(AupKey key, long until) => _lockedUntil[key] = until;

    /// <summary>Forgets a key whose lock was cleared on purpose (admin unlock).</summary>
    public void Forget(AupKey key) => _lockedUntil.TryRemove(key, out _);

    /// <summary>Forgets every key of a user whose locks were cleared on purpose.</summary>
    public void ForgetUser(string user)
    {
        foreach (var entry in _lockedUntil)
        {
            if (string.Equals(entry.Key.User, user, StringComparison.Ordinal))
            {
                _lockedUntil.TryRemove(entry.Key, out _);
            }
        }
    }

    public void SweepExpired()
    {
        var now = _time.GetTimestamp();
        foreach (var entry in _lockedUntil)
        {
            if (entry.Value <= now)
            {
                _lockedUntil.TryRemove(entry);
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
