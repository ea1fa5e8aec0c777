namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>The policy's decision for one request, as the request log reads it.</summary>
internal sealed class AupDecisionFeature(string user, string service, AupOutcome outcome, bool isRefusal) : IAupDecisionFeature
{
    /// <summary>A read of a service description, forwarded without a decision; the same for every such read.</summary>
    public static AupDecisionFeature Metadata { get; } = new("", "", AupOutcome.Metadata, isRefusal: false);

    public string User => user;

    public string Service => service;

    public AupOutcome Outcome => outcome;

    public string Decision => AupOutcomeNames.Decision(outcome);

    public bool IsRefusal => isRefusal;
}
