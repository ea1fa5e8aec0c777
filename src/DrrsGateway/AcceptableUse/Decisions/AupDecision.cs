using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Responses;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Stores;

namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// What the policy decided for one request, before anything is done about it: the outcome, who and which
/// service it counts for, and whether the request goes on or is refused, with the refusal the caller is
/// owed. Made by one factory per outcome, so an outcome always comes with its refusal; the applier turns
/// it into metrics, logs, headers and the answer.
/// </summary>
internal readonly record struct AupDecision
{
    private AupDecision(AupCall call, AupOutcome outcome, string user, string service, Refusal? refusal = null)
    {
        Call = call;
        Outcome = outcome;
        User = user;
        Service = service;
        Refusal = refusal is { } owed ? owed with { Service = service } : null;
        Forwards = refusal is null;
    }

    /// <summary>The route's mode and the SOAP headers the decision was made under.</summary>
    public AupCall Call { get; }

    public AupOutcome Outcome { get; init; }

    /// <summary>The user the request counts for; empty when it had no usable identity or needs none.</summary>
    public string User { get; }

    /// <summary>The service, lower-cased as in the lock key; empty when the request was not keyed.</summary>
    public string Service { get; }

    /// <summary>What the caller is answered instead of the backend; on a shadow route, what it would have been.</summary>
    public Refusal? Refusal { get; }

    /// <summary>Whether the request goes on to the backend.</summary>
    public bool Forwards { get; init; }

    /// <summary>In hold mode, how the wait for the key's slot ended and how long it took (or would have).</summary>
    public HoldResult? Hold { get; init; }

    /// <summary>What the store answered for the key, when it was asked: what the outcome observer watches.</summary>
    public (AupKey Key, StoreAnswer Answer)? Stored { get; init; }

    public AupKey Key => new(User, Service);

    /// <summary>How long hold mode held the call before it goes on.</summary>
    public TimeSpan HeldFor => Hold?.Wait ?? TimeSpan.Zero;

    /// <summary>
    /// A call the policy let through: forwarded watching for the backend's own AUP refusal, which means the
    /// backend's window and the gateway's differ.
    /// </summary>
    public bool WatchesBackend => Outcome is AupOutcome.Allowed or AupOutcome.Held;

    // A WSDL or schema read runs no operation: forwarded without a decision, a lock or even an identity.
    public static AupDecision Metadata(AupCall call) => new(call, AupOutcome.Metadata, "", "");

    public static AupDecision Exempt(AupCall call, string user) => new(call, AupOutcome.Exempt, user, "");

    public static AupDecision Unidentified(AupCall call) => new(call, AupOutcome.Unidentified, "", "", Responses.Refusal.Unidentified);

    public static AupDecision BadRequest(AupCall call, string user, string problem) =>
        new(call, AupOutcome.BadRequest, user, "", Responses.Refusal.BadRequest(problem));

    /// <summary>A request the policy cannot key: it names no catalogued operation, or names it badly.</summary>
    public static AupDecision Unkeyed(AupCall call, string user, ServiceResult service) => service.Kind == ServiceResultKind.Unknown
        ? new(call, AupOutcome.UnknownService, user, "", Responses.Refusal.UnknownService)
        : BadRequest(call, user, service.Problem!);

    public static AupDecision Allowed(AupCall call, AupKey key) => new(call, AupOutcome.Allowed, key.User, key.Service);

    public static AupDecision Rejected(AupCall call, AupKey key) =>
        new(call, AupOutcome.Rejected, key.User, key.Service, Responses.Refusal.Violation(call.WindowSeconds));

    public static AupDecision StoreUnavailable(AupCall call, AupKey key, StoreFailureMode onStoreFailure, int retryAfterSeconds) =>
        onStoreFailure == StoreFailureMode.Allow
            ? new(call, AupOutcome.StoreUnavailable, key.User, key.Service)
            : new(call, AupOutcome.StoreUnavailable, key.User, key.Service, Responses.Refusal.StoreUnavailable(retryAfterSeconds));

    public static AupDecision Held(AupCall call, AupKey key, HoldResult hold) =>
        new AupDecision(call, AupOutcome.Held, key.User, key.Service) with { Hold = hold };

    /// <summary>Hold mode found no slot for the call: refused with CAISO's message, no slot moved.</summary>
    public static AupDecision HoldFull(AupCall call, AupKey key, HoldResult hold) => Rejected(call, key) with { Hold = hold };

    /// <summary>
    /// A held call not forwarded after all. When the caller gave up nobody is left to answer, so nothing is
    /// written; when the gateway is stopping, the caller may retry once the wait it had left has passed.
    /// </summary>
    public static AupDecision HoldCancelled(AupCall call, AupKey key, HoldResult hold) => hold.Kind == HoldResultKind.Abandoned
        ? new AupDecision(call, AupOutcome.HoldCancelled, key.User, key.Service) with { Hold = hold, Forwards = false }
        : new AupDecision(call, AupOutcome.HoldCancelled, key.User, key.Service, Responses.Refusal.ShuttingDown(Math.Max(1, (int)Math.Ceiling(hold.Wait.TotalSeconds)))) with { Hold = hold };

    /// <summary>
    /// The decision on a shadow route: a refusal becomes <see cref="AupOutcome.Shadow"/> and goes on, keeping
    /// the refusal it would have been for the log.
    /// </summary>
    public AupDecision InShadow() => Forwards || Call.IsEnforced ? this : this with { Outcome = AupOutcome.Shadow, Forwards = true };
}
