namespace DrrsGateway.AcceptableUse.Stores;

/// <summary>
/// Where the policy remembers when each (user, service) pair last called. Implementations decide and
/// restart the window in one atomic step, so of many simultaneous requests for a key exactly one is allowed.
/// </summary>
internal interface IAupStore
{
    /// <summary>
    /// Records a request for <paramref name="key"/>: returns <see cref="StoreAnswer.Allowed"/> when no request
    /// for it arrived within <paramref name="window"/>, else <see cref="StoreAnswer.Rejected"/>; either way the
    /// window restarts now. Never throws for store trouble: that is <see cref="StoreAnswer.StoreUnavailable"/>.
    /// </summary>
    ValueTask<StoreAnswer> RecordRequestAsync(AupKey key, TimeSpan window);
}
