using DrrsGateway.AcceptableUse;

namespace DrrsGateway.Admin;

/// <summary>
/// Reads and clears the policy's locks, and hold mode's slots, for administrators, over whichever store the policy uses.
/// Implementations throw <see cref="LockStoreUnavailableException"/> when the store cannot answer.
/// </summary>
internal interface ILockAdministration
{
    /// <summary>The open windows of <paramref name="user"/>, by service.</summary>
    Task<IReadOnlyList<ActiveLock>> ListAsync(string user, CancellationToken cancellationToken);

    /// <summary>Clears one lock, so the user may call the service at once; true when there was one.</summary>
    Task<bool> ClearAsync(AupKey key, CancellationToken cancellationToken);

    /// <summary>Clears every lock of <paramref name="user"/>; returns how many there were.</summary>
    Task<int> ClearAllAsync(string user, CancellationToken cancellationToken);

    /// <summary>Hold mode's slots of <paramref name="user"/> whose next slot is still ahead, by service.</summary>
    Task<IReadOnlyList<HeldSlot>> ListHoldSlotsAsync(string user, CancellationToken cancellationToken);

    /// <summary>Clears one hold-mode slot, so the user's next call of the service is forwarded at once; true when there was one.</summary>
    Task<bool> ClearHoldSlotAsync(AupKey key, CancellationToken cancellationToken);

    /// <summary>Clears every hold-mode slot of <paramref name="user"/>; returns how many there were.</summary>
    Task<int> ClearHoldSlotsAsync(string user, CancellationToken cancellationToken);
}
