namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// What the policy did with one request: the one vocabulary of the decisions metric, the policy's logs and
/// the request log (<see cref="AupOutcomeNames"/> holds the words each of them uses).
/// </summary>
public enum AupOutcome
{
    /// <summary>No request for the (user, service) pair within the window: forwarded, the window restarted.</summary>
    Allowed,

    /// <summary>A request for the pair within the window: refused with CAISO's message, the window restarted.</summary>
    Rejected,

    /// <summary>Would have been refused (for any reason), forwarded because the route is in shadow mode.</summary>
    Shadow,

    /// <summary>The user is in <c>Aup:ExemptUsers</c>: forwarded without a decision.</summary>
    Exempt,

    /// <summary>The store could not answer; <c>Aup:OnStoreFailure</c> forwarded or refused the request.</summary>
    StoreUnavailable,

    /// <summary>A read of a service description (<c>?wsdl</c>, <c>?xsd</c>): forwarded without a decision.</summary>
    Metadata,

    /// <summary>The request names no operation in <c>Aup:Services</c>: refused, no lock written.</summary>
    UnknownService,

    /// <summary>The request cannot be keyed (unusable identity, malformed or disagreeing names): refused.</summary>
    BadRequest,

    /// <summary>No user identity: refused.</summary>
    Unidentified,

    /// <summary>Hold mode: arrived inside the window, waited for its slot, then forwarded.</summary>
    Held,

    /// <summary>Hold mode: waited for its slot and was not forwarded: the caller gave up, or the gateway stopped (503).</summary>
    HoldCancelled,

    /// <summary>
    /// Let through by the gateway, refused by the backend with its own AUP refusal; hold mode held the call
    /// again (counted once per refusal) unless it could not, and then the refusal reached the caller.
    /// </summary>
    BackendRefused,
}
