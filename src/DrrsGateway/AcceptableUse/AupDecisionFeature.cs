namespace DrrsGateway.AcceptableUse;

/// <summary>The policy's decision for one request, as the request log reads it.</summary>
internal sealed class AupDecisionFeature(AupKey key, AupDecision decision, bool enforced) : IAupDecisionFeature
{
    public string User => key.User;

    public string Service => key.Service;

    // Constant names, so the hot path formats no enum.
    public string Decision => decision switch
    {
        AupDecision.Allowed => nameof(AupDecision.Allowed),
        AupDecision.Rejected when enforced => nameof(AupDecision.Rejected),

        // A shadow route forwards what it would have refused.
        AupDecision.Rejected => "Shadow",
        _ => nameof(AupDecision.StoreUnavailable),
    };
}
