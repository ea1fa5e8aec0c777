using DrrsGateway.Admin;

namespace DrrsGateway.AcceptableUse.Stores.InMemory;

/// <summary>Administers the embedded store's lock table and hold mode's slots in this process (the only replica).</summary>
internal sealed class InMemoryLockAdministration(InMemoryAupStore store, InMemoryHoldSlots slots) : ILockAdministration
{
    public Task<IReadOnlyList<ActiveLock>> ListAsync(string user, CancellationToken cancellationToken)
    {
        IReadOnlyList<ActiveLock> locks = [.. store.LiveLocksOf(user)
            .Select(entry => new ActiveLock(entry.Service, entry.Remaining))
            .OrderBy(entry => entry.Service, StringComparer.Ordinal)];
        return Task.FromResult(locks);
    }

    public Task<bool> ClearAsync(AupKey key, CancellationToken cancellationToken) =>
        Task.FromResult(store.RemoveLock(key));

    public Task<int> ClearAllAsync(string user, CancellationToken cancellationToken)
    {
        // Listed first: the table must not change under its own enumeration's feet.
        var cleared = store.LiveLocksOf(user).ToList().Count(entry => store.RemoveLock(new AupKey(user, entry.Service)));
        return Task.FromResult(cleared);
    }

    public Task<IReadOnlyList<HeldSlot>> ListHoldSlotsAsync(string user, CancellationToken cancellationToken)
    {
        IReadOnlyList<HeldSlot> held = [.. slots.SlotsOf(user)
            .Select(entry => new HeldSlot(entry.Service, entry.UntilNextSlot))
            .OrderBy(entry => entry.Service, StringComparer.Ordinal)];
        return Task.FromResult(held);
    }

    public Task<bool> ClearHoldSlotAsync(AupKey key, CancellationToken cancellationToken) =>
        Task.FromResult(slots.Clear(key));

    public Task<int> ClearHoldSlotsAsync(string user, CancellationToken cancellationToken) =>
        Task.FromResult(slots.ClearUser(user));
}
