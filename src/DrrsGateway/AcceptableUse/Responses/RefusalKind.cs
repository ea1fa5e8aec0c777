namespace DrrsGateway.AcceptableUse.Responses;

/// <summary>Why the gateway answered a request itself instead of forwarding it.</summary>
internal enum RefusalKind
{
    /// <summary>The caller broke the Acceptable Use Policy: CAISO's message.</summary>
    Violation,

    /// <summary>The store could not answer and <c>Aup:OnStoreFailure</c> is Reject: the gateway's fault.</summary>
    StoreUnavailable,

    /// <summary>No identity source named the caller.</summary>
    Unidentified,

    /// <summary>The request names a user or service the policy cannot key by.</summary>
    BadRequest,

    /// <summary>The request names no catalogued operation: a bad request of its own kind, so clients can tell it apart.</summary>
    UnknownService,

    /// <summary>A held call the gateway answers because it is stopping: the gateway's fault, worth retrying.</summary>
    ShuttingDown,
}
