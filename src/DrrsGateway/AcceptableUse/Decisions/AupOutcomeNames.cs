namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// The words each reader uses for an <see cref="AupOutcome"/>, in one table: the decisions metric's
/// <c>outcome</c> tag (snake case, the Prometheus habit) and the <c>Decision</c> property of the policy's
/// logs and the request log (PascalCase). Constant strings, so the hot path formats no enum.
/// </summary>
internal static class AupOutcomeNames
{
    /// <summary>The metric tag value, e.g. <c>unknown_service</c>.</summary>
    public static string MetricTag(AupOutcome outcome) => outcome switch
    {
        AupOutcome.Allowed => "allowed",
        AupOutcome.Rejected => "rejected",
        AupOutcome.Shadow => "shadow",
        AupOutcome.Exempt => "exempt",

        // Kept from the first release: dashboards and alerts already query it.
        AupOutcome.StoreUnavailable => "store_failure",
        AupOutcome.Metadata => "metadata",
        AupOutcome.UnknownService => "unknown_service",
        AupOutcome.BadRequest => "bad_request",
        AupOutcome.Unidentified => "unidentified",
        AupOutcome.Held => "held",
        AupOutcome.HoldCancelled => "hold_cancelled",
        AupOutcome.BackendRefused => "backend_refused",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>The log and request-log word, e.g. <c>UnknownService</c>.</summary>
    public static string Decision(AupOutcome outcome) => outcome switch
    {
        AupOutcome.Allowed => nameof(AupOutcome.Allowed),
        AupOutcome.Rejected => nameof(AupOutcome.Rejected),
        AupOutcome.Shadow => nameof(AupOutcome.Shadow),
        AupOutcome.Exempt => nameof(AupOutcome.Exempt),
        AupOutcome.StoreUnavailable => nameof(AupOutcome.StoreUnavailable),
        AupOutcome.Metadata => nameof(AupOutcome.Metadata),
        AupOutcome.UnknownService => nameof(AupOutcome.UnknownService),
        AupOutcome.BadRequest => nameof(AupOutcome.BadRequest),
        AupOutcome.Unidentified => nameof(AupOutcome.Unidentified),
        AupOutcome.Held => nameof(AupOutcome.Held),
        AupOutcome.HoldCancelled => nameof(AupOutcome.HoldCancelled),
        AupOutcome.BackendRefused => nameof(AupOutcome.BackendRefused),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>Every outcome's metric tag, in declaration order: what a dashboard can expect to see.</summary>
    public static IReadOnlyList<string> MetricTags { get; } = [.. Enum.GetValues<AupOutcome>().Select(MetricTag)];
}
