namespace DrrsGateway.AcceptableUse.Hold;

/// <summary>How a call's wait for its slot ended.</summary>
internal enum HoldResultKind
{
    /// <summary>Its slot was now: forward at once.</summary>
    Now,

    /// <summary>It waited for its slot, which has come: forward.</summary>
    Held,

    /// <summary>No slot for it (the key's queue, the longest wait or the gateway's bound): refuse.</summary>
    Full,

    /// <summary>The caller gave up while held; its slot was handed back.</summary>
    Abandoned,

    /// <summary>The gateway is stopping; its slot was handed back and it is answered, not forwarded late.</summary>
    ShuttingDown,

    /// <summary>The store could not answer; <c>Aup:OnStoreFailure</c> decides.</summary>
    StoreUnavailable,
}

/// <summary>How a call's wait ended and how long it waited (or, when <see cref="HoldResultKind.Full"/>, would have).</summary>
internal readonly record struct HoldResult(HoldResultKind Kind, TimeSpan Wait);
