namespace DrrsGateway.AcceptableUse.Stores;

/// <summary>The store's answer for one request.</summary>
internal enum AupDecision
{
    /// <summary>No request for the key arrived within the window: forward it.</summary>
    Allowed,

    /// <summary>A request for the key arrived within the window: refuse it.</summary>
    Rejected,

    /// <summary>The store could not answer in time; <see cref="StoreFailureMode"/> decides.</summary>
    StoreUnavailable,
}
