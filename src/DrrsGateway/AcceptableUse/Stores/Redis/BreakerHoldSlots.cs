using DrrsGateway.AcceptableUse.Hold;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Hold mode's slots behind the store's circuit breaker, with the decisions' failure mode: while the circuit is
/// open a reservation is <see cref="HoldSlotKind.StoreUnavailable"/> at once (so <c>Aup:OnStoreFailure</c>
/// decides) instead of waiting out the store timeout, and failed reservations count towards opening it.
/// </summary>
/// <remarks>
/// The best-effort steps (forwarded, remaining, release) report no failure to count; while the circuit is open
/// they are skipped, as a call decided by <c>Aup:OnStoreFailure</c> holds no slot to record or hand back.
/// </remarks>
internal sealed class BreakerHoldSlots(IHoldSlots inner, StoreCircuitBreaker breaker) : IHoldSlots
{
    public ValueTask<HoldSlot> ReserveAsync(AupKey key, TimeSpan spacing, TimeSpan maxWait, int maxQueued) =>
        breaker.RunAsync(
            (Slots: inner, Key: key, Spacing: spacing, MaxWait: maxWait, MaxQueued: maxQueued),
            static call => call.Slots.ReserveAsync(call.Key, call.Spacing, call.MaxWait, call.MaxQueued),
            static slot => slot.Kind == HoldSlotKind.StoreUnavailable,
            HoldSlot.Unavailable);

    public ValueTask ForwardedAsync(AupKey key, TimeSpan spacing) =>
        breaker.IsOpen ? ValueTask.CompletedTask : inner.ForwardedAsync(key, spacing);

    public ValueTask<TimeSpan> RemainingAsync(AupKey key, TimeSpan spacing) =>
        breaker.IsOpen ? ValueTask.FromResult(TimeSpan.Zero) : inner.RemainingAsync(key, spacing);

    public ValueTask ReleaseAsync(AupKey key, HoldSlot slot, TimeSpan spacing) =>
        breaker.IsOpen ? ValueTask.CompletedTask : inner.ReleaseAsync(key, slot, spacing);
}
