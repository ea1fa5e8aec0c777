using DrrsGateway.Admin;

namespace DrrsGateway.AcceptableUse.Stores.InMemory;

/// <summary>Administers the embedded store's lock table in this process.</summary>
internal sealed class InMemoryLockAdministration(InMemoryAupStore store) : ILockAdministration
{
    public Task<IReadOnlyList<ActiveLock>> ListAsync(string user, CancellationToken cancellationToken)
    {
        IReadOnlyList<ActiveLock> locks = [.. LocksOf(user)
            .Select(entry => new ActiveLock(entry.Key.Service, entry.Remaining))
            .OrderBy(entry => entry.Service, StringComparer.Ordinal)];
        return Task.FromResult(locks);
    }

    public Task<bool> ClearAsync(AupKey key, CancellationToken cancellationToken) =>
        Task.FromResult(store.RemoveLock(key));

    public Task<int> ClearAllAsync(string user, CancellationToken cancellationToken)
    {
        // Listed first: the table must not change under its own enumeration's feet.
        var cleared = LocksOf(user).ToList().Count(entry => store.RemoveLock(entry.Key));
        return Task.FromResult(cleared);
    }

    private IEnumerable<(AupKey Key, TimeSpan Remaining)> LocksOf(string user) =>
        store.LiveLocks().Where(entry => string.Equals(entry.Key.User, user, StringComparison.Ordinal));
}
