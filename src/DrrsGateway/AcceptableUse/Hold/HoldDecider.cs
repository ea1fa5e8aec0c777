using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores;

namespace DrrsGateway.AcceptableUse.Hold;

/// <summary>Hold mode's decision for a keyed call, from the wait for the key's slot.</summary>
internal sealed class HoldDecider(CallHolder holder, IAupStoreHealth storeHealth)
{
    /// <summary>
    /// Hold mode: the window is what CAISO sees, the time since the last call forwarded for the key. A call
    /// inside it waits for its slot and is then forwarded; one that finds no slot is refused with CAISO's
    /// message and moves no slot.
    /// </summary>
    public async ValueTask<AupDecision> DecideAsync(HttpContext context, AupCall call, AupPolicy policy, AupKey key)
    {
        var hold = await holder.WaitForSlotAsync(key, call.Window, policy.Hold, context.RequestAborted).ConfigureAwait(false);
        return hold.Kind switch
        {
            HoldResultKind.Now => AupDecision.Allowed(call, key) with { Hold = hold },
            HoldResultKind.Held => AupDecision.Held(call, key, hold),
            HoldResultKind.Full => AupDecision.HoldFull(call, key, hold),
            HoldResultKind.Abandoned or HoldResultKind.ShuttingDown => AupDecision.HoldCancelled(call, key, hold),
            _ => AupDecision.StoreUnavailable(call, key, policy.OnStoreFailure, storeHealth.RetryAfterSeconds),
        };
    }
}
