namespace DrrsGateway.AcceptableUse.Hold;

/// <summary>What a store answered when asked for a key's next forwarding slot.</summary>
internal enum HoldSlotKind
{
    /// <summary>No call was forwarded for the key within the spacing: forward now.</summary>
    Now,

    /// <summary>A slot later on was reserved: wait <see cref="HoldSlot.Delay"/>, then forward.</summary>
    Later,

    /// <summary>The key's queue is full or its next slot is further off than the longest wait: refuse, nothing reserved.</summary>
    Full,

    /// <summary>The store could not answer in time; <c>Aup:OnStoreFailure</c> decides.</summary>
    StoreUnavailable,
}

/// <summary>
/// A reserved (or refused) forwarding slot. <see cref="Start"/> identifies the reservation to the store that
/// made it (milliseconds on the store's clock), so a call that gives up can hand its slot back.
/// </summary>
internal readonly record struct HoldSlot(HoldSlotKind Kind, TimeSpan Delay, long Start)
{
    public static HoldSlot Unavailable { get; } = new(HoldSlotKind.StoreUnavailable, TimeSpan.Zero, 0);

    /// <summary>Reserves a slot by the one rule of hold mode; see <see cref="IHoldSlots.ReserveAsync"/>.</summary>
    /// <param name="now">The store's clock, in milliseconds.</param>
    /// <param name="next">When the key's next slot opens, in milliseconds on that clock (0: never reserved).</param>
    /// <param name="reservedNext">When the slot after this one opens: what the store must remember, unless <see cref="HoldSlotKind.Full"/>.</param>
    /// <param name="spacingMs">How far apart forwarded calls of the key are kept.</param>
    /// <param name="maxWaitMs">The longest a call may wait.</param>
    /// <param name="maxQueued">How many calls may wait for the key at once.</param>
    public static HoldSlot Reserve(long now, long next, long spacingMs, long maxWaitMs, int maxQueued, out long reservedNext)
    {
        var start = Math.Max(now, next);
        var delay = start - now;

        // The calls waiting ahead of this one, each a spacing apart, the nearest within one spacing of now.
        if (delay > 0 && (delay > maxWaitMs || (delay + spacingMs - 1) / spacingMs > maxQueued))
        {
            reservedNext = next;
            return new(HoldSlotKind.Full, TimeSpan.FromMilliseconds(delay), 0);
        }

        reservedNext = start + spacingMs;
        return new(delay > 0 ? HoldSlotKind.Later : HoldSlotKind.Now, TimeSpan.FromMilliseconds(delay), start);
    }
}
