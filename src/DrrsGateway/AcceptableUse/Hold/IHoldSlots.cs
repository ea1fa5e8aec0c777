namespace DrrsGateway.AcceptableUse.Hold;

/// <summary>
/// Where hold mode keeps each (user, service) pair's next forwarding slot, shared by every replica that uses
/// the store. Reserving is one atomic step on the store's clock, so forwarded calls of one key are always at
/// least a spacing apart, however many replicas reserve at once; every entry expires.
/// </summary>
internal interface IHoldSlots
{
    /// <summary>
    /// Reserves the key's next slot: now when no call was forwarded within <paramref name="spacing"/>, else
    /// a spacing after the last reserved one, unless that is more than <paramref name="maxWait"/> away or
    /// <paramref name="maxQueued"/> calls already wait for the key (<see cref="HoldSlotKind.Full"/>, nothing
    /// reserved). Never throws for store trouble: that is <see cref="HoldSlotKind.StoreUnavailable"/>.
    /// </summary>
    ValueTask<HoldSlot> ReserveAsync(AupKey key, TimeSpan spacing, TimeSpan maxWait, int maxQueued);

    /// <summary>
    /// Records that a call of the key was forwarded and answered just now: the key's next slot opens no
    /// earlier than a spacing from now, since the backend saw the call at some moment up to now. Best effort,
    /// never throws.
    /// </summary>
    ValueTask ForwardedAsync(AupKey key, TimeSpan spacing);

    /// <summary>
    /// How much longer a call whose slot has come must still wait so as to be a spacing after the key's last
    /// answered call (usually nothing; more when that call reached the backend late). Zero on store trouble.
    /// </summary>
    ValueTask<TimeSpan> RemainingAsync(AupKey key, TimeSpan spacing);

    /// <summary>
    /// Hands back a <see cref="HoldSlotKind.Later"/> slot whose call will not be forwarded, when it is still
    /// the key's last reservation; best effort, never throws.
    /// </summary>
    ValueTask ReleaseAsync(AupKey key, HoldSlot slot, TimeSpan spacing);
}
