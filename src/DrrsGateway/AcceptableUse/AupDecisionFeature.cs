namespace DrrsGateway.AcceptableUse;

/// <summary>The policy's decision for one request, as the request log reads it.</summary>
internal sealed class AupDecisionFeature(string user, string service, string decision) : IAupDecisionFeature
{
    public string User => user;

    public string Service => service;

    public string Decision => decision;

    /// <summary>The feature for a decided request; constant names, so the hot path formats no enum.</summary>
    public static AupDecisionFeature For(AupKey key, AupDecision decision, bool enforced) => new(key.User, key.Service, decision switch
    {
        AupDecision.Allowed => nameof(AupDecision.Allowed),
        AupDecision.Rejected when enforced => nameof(AupDecision.Rejected),

        // A shadow route forwards what it would have refused.
        AupDecision.Rejected => "Shadow",
        _ => nameof(AupDecision.StoreUnavailable),
    });

    /// <summary>The feature for an exempt user, whose request is forwarded without a decision.</summary>
    public static AupDecisionFeature Exempt(string user) => new(user, "", "Exempt");
}
