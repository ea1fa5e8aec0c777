namespace DrrsGateway.AcceptableUse.Stores;

/// <summary>
/// The store's answer for one request: whether the key's window was open. What the policy then does with it
/// (forward, refuse, forward on a shadow route) is an <see cref="Decisions.AupOutcome"/>.
/// </summary>
internal enum StoreAnswer
{
    /// <summary>No request for the key arrived within the window; the window now restarts from this one.</summary>
    Allowed,

    /// <summary>A request for the key arrived within the window; the window restarts from this one.</summary>
    Rejected,

    /// <summary>The store could not answer in time; <see cref="StoreFailureMode"/> decides.</summary>
    StoreUnavailable,
}
