namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// What the policy decided for the current request, set by the policy middleware once the store answered,
/// so that code outside the policy (the request log) can tell who called what and how it went.
/// </summary>
public interface IAupDecisionFeature
{
    /// <summary>The user the request was counted for.</summary>
    string User { get; }

    /// <summary>The service, lower-cased as in the lock key.</summary>
    string Service { get; }

    /// <summary>
    /// The decision: <c>Allowed</c>, <c>Rejected</c>, <c>Shadow</c> (would have been refused, forwarded on a
    /// shadow-mode route), <c>StoreUnavailable</c>, <c>Exempt</c>, <c>Metadata</c> (a WSDL or schema read),
    /// <c>UnknownService</c>, <c>BadRequest</c> or <c>Unidentified</c>.
    /// </summary>
    string Decision { get; }

    /// <summary>Whether the gateway answered the request itself as the policy's refusal (whatever its HTTP status).</summary>
    bool IsRefusal { get; }
}
