namespace DrrsGateway.AcceptableUse.Stores;

/// <summary>What the gateway does with a request when the lock store cannot answer in time.</summary>
public enum StoreFailureMode
{
    /// <summary>Forward the request: DRRS stays reachable while the policy is briefly unenforced.</summary>
    Allow,

    /// <summary>Answer 503 without forwarding: the policy is never bypassed, at the cost of availability.</summary>
    Reject,
}
