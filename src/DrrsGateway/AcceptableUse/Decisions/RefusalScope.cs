using DrrsGateway.AcceptableUse.Responses;

namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// What one user's run of refusals is about, for <see cref="RefusalLogThrottle"/>: violations of one service,
/// or refusals of one other kind, whatever the requests named (a flood of made-up operations is one run).
/// </summary>
internal readonly record struct RefusalScope(RefusalKind Kind, string Service)
{
    /// <summary>Violations of <paramref name="service"/>: calls again within its window.</summary>
    public static RefusalScope Violations(string service) => new(RefusalKind.Violation, service);

    /// <summary>The scope of <paramref name="refusal"/>: only a violation is about its service.</summary>
    public static RefusalScope Of(Refusal refusal) =>
        refusal.Kind == RefusalKind.Violation ? Violations(refusal.Service) : new(refusal.Kind, "");
}
