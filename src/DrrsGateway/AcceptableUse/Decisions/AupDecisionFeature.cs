using DrrsGateway.AcceptableUse.Stores;
namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>The policy's decision for one request, as the request log reads it.</summary>
internal sealed class AupDecisionFeature(string user, string service, string decision, bool isRefusal) : IAupDecisionFeature
{
    public string User => user;

    public string Service => service;

    public string Decision => decision;

    public bool IsRefusal => isRefusal;

    /// <summary>A read of a service description, forwarded without a decision.</summary>
    public static AupDecisionFeature Metadata { get; } = new("", "", "Metadata", false);

    /// <summary>The feature for a decided request; constant names, so the hot path formats no enum.</summary>
    public static AupDecisionFeature For(AupKey key, AupDecision decision, bool enforced) => decision switch
    {
        AupDecision.Allowed => new(key.User, key.Service, nameof(AupDecision.Allowed), false),
        AupDecision.Rejected when enforced => new(key.User, key.Service, nameof(AupDecision.Rejected), true),

        // A shadow route forwards what it would have refused.
        AupDecision.Rejected => new(key.User, key.Service, "Shadow", false),
        _ => new(key.User, key.Service, nameof(AupDecision.StoreUnavailable), false),
    };

    /// <summary>The feature for an exempt user, whose request is forwarded without a decision.</summary>
    public static AupDecisionFeature Exempt(string user) => new(user, "", "Exempt", false);

    /// <summary>A request refused before any key was formed (no identity, unusable, unknown operation); forwarded on a shadow route.</summary>
    public static AupDecisionFeature Refused(string user, string decision, bool enforced) =>
        new(user, "", enforced ? decision : "Shadow", enforced);
}
