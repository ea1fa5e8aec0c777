namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// What the policy decided for the current request, set by the policy middleware on every path it takes,
/// so that code outside the policy (the request log) can tell who called what and how it went.
/// </summary>
public interface IAupDecisionFeature
{
    /// <summary>The user the request was counted for; empty when it had no usable identity or needs none.</summary>
    string User { get; }

    /// <summary>The service, lower-cased as in the lock key; empty when the request was not keyed.</summary>
    string Service { get; }

    /// <summary>What the policy did.</summary>
    AupOutcome Outcome { get; }

    /// <summary>The outcome's word in logs: <c>Allowed</c>, <c>Rejected</c>, <c>Shadow</c>, ….</summary>
    string Decision { get; }

    /// <summary>Whether the gateway answered the request itself as the policy's refusal (whatever its HTTP status).</summary>
    bool IsRefusal { get; }
}
