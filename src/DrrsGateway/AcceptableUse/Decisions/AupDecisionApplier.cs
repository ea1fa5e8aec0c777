using System.Globalization;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Responses;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// Does what an <see cref="AupDecision"/> says, the same way for every outcome: the shadow rewrite, the
/// decisions metric, the outcome observer, the decision feature the request log reads, the decision's log
/// line (refusal floods throttled per user and <see cref="RefusalScope"/>), the headers and the refusal.
/// Logs under the middleware's category, which is what operators filter on.
/// </summary>
internal sealed partial class AupDecisionApplier(AupMetrics metrics, IAupOutcomeObserver outcomes, RefusalLogThrottle refusalLog, ILogger<AupMiddleware> logger)
{
    /// <summary>
    /// The one place a decision is recorded, on every path: a refusal on a shadow route becomes
    /// <see cref="AupOutcome.Shadow"/>; the outcome is counted in the decisions metric, shown to the outcome
    /// observer when the store was asked, set on the request for the request log and logged; an allowed or
    /// held call gets its headers. Returns the decision as applied.
    /// </summary>
    public AupDecision Conclude(HttpContext context, AupDecision decided, AupPolicy policy)
    {
        var decision = decided.InShadow();
        var call = decision.Call;
        metrics.RecordDecision(decision.Outcome, decision.Service);
        if (decision.Stored is { } stored && call.IsEnforced)
        {
            outcomes.Observe(stored.Key, stored.Answer, call.Window);
        }

        context.Features.Set<IAupDecisionFeature>(decision.Outcome == AupOutcome.Metadata
            ? AupDecisionFeature.Metadata
            : new AupDecisionFeature(decision.User, decision.Service, decision.Outcome, isRefusal: !decision.Forwards));
        LogDecision(context, decision);

        // Hold mode paces calls instead of refusing them: one request per window is not its contract.
        if (decision.Outcome == AupOutcome.Allowed && !call.IsHeld && policy.AdvertisePolicy)
        {
            RateLimitPolicyHeader.Apply(context.Response, call.WindowSeconds);
        }

        if (decision.Outcome == AupOutcome.Held)
        {
            context.Response.Headers[AupMiddleware.HeldHeader] = Milliseconds(decision.HeldFor).ToString(CultureInfo.InvariantCulture);
        }

        return decision;
    }

    private void LogDecision(HttpContext context, AupDecision decision)
    {
        var (user, service, call) = (decision.User, decision.Service, decision.Call);
        var word = AupOutcomeNames.Decision(decision.Outcome);
        long suppressed;
        switch (decision.Outcome)
        {
            case AupOutcome.Metadata:
                Log.MetadataRead(logger, context.Request.Path, word);
                break;
            case AupOutcome.Exempt:
                Log.Exempt(logger, user, context.Request.Path, word);
                break;
            case AupOutcome.Allowed:
                Log.Allowed(logger, user, service, word);
                break;
            case AupOutcome.Held:
                Log.Held(logger, user, service, word, Milliseconds(decision.HeldFor));
                break;
            case AupOutcome.Shadow when decision.Refusal is { Kind: RefusalKind.Violation }:
                Log.ShadowRejected(logger, user, service, word, call.WindowSeconds);
                break;
            case AupOutcome.Shadow:
                Log.ShadowRefusal(logger, decision.Refusal!.Value.StatusCode, context.Request.Path, word);
                break;
            case AupOutcome.Rejected when decision.Hold is { } full:
                Log.HoldFull(logger, user, service, word, Milliseconds(full.Wait));
                break;
            case AupOutcome.Rejected when ShouldLog(decision, out suppressed):
                Log.Rejected(logger, user, service, word, call.WindowSeconds, suppressed);
                break;
            case AupOutcome.Rejected:
                Log.RejectedRepeat(logger, user, service, word, call.WindowSeconds);
                break;
            case AupOutcome.StoreUnavailable when decision.Forwards:
                Log.StoreFailureAllowed(logger, user, service);
                break;
            case AupOutcome.StoreUnavailable:
                Log.StoreFailureRejected(logger, user, service);
                break;
            case AupOutcome.Unidentified:
                Log.Unidentified(logger, context.Request.Path);
                break;

            // Junk names and hostile envelopes can come as a flood: one line per user and window.
            case AupOutcome.UnknownService when ShouldLog(decision, out suppressed):
                Log.UnknownService(logger, user, context.Request.Path, word, suppressed);
                break;
            case AupOutcome.BadRequest when ShouldLog(decision, out suppressed):
                Log.BadRequest(logger, decision.Refusal!.Value.Detail, suppressed);
                break;
            case AupOutcome.HoldCancelled:
                Log.HoldCancelled(logger, user, service, word, decision.Hold?.Kind == HoldResultKind.Abandoned ? "the caller gave up" : "the gateway is stopping");
                break;
        }
    }

    private bool ShouldLog(AupDecision decision, out long suppressed) =>
        refusalLog.ShouldLog(decision.User, RefusalScope.Of(decision.Refusal!.Value), decision.Call.Window, out suppressed);

    private static long Milliseconds(TimeSpan wait) => (long)wait.TotalMilliseconds;

    /// <summary>Answers in the caller's protocol; a call whose caller gave up gets nothing, nobody is left to read it.</summary>
    public static Task RefuseAsync(HttpContext context, AupDecision decision, SoapPolicy soap) => decision.Refusal is { } refusal
        ? RefusalResponder.For(context.Request, decision.Call.Soap.Version).WriteAsync(context, refusal, soap)
        : Task.CompletedTask;

    /// <summary>
    /// Counts and logs each of the backend's own AUP refusals of a call the policy let through (the backend's
    /// window and the gateway's differ: something else calls with this identity); a held call is held again
    /// and forwarded anew, so its caller sees the refusal only when it cannot be.
    /// </summary>
    public void ConcludeBackendAnswer(HttpContext context, AupDecision decision, BackendAnswer answer)
    {
        var word = AupOutcomeNames.Decision(AupOutcome.BackendRefused);
        for (var refusal = 1; refusal <= answer.Refusals; refusal++)
        {
            metrics.RecordDecision(AupOutcome.BackendRefused, decision.Service);
            var passedOn = answer.RefusalPassedOn && refusal == answer.Refusals;
            Log.BackendRefused(logger, decision.User, decision.Service, word,
                passedOn ? "passed the refusal on to the caller" : "held the call again and forwarded it a spacing later");
        }

        if (answer.RefusalPassedOn)
        {
            context.Features.Set<IAupDecisionFeature>(new AupDecisionFeature(decision.User, decision.Service, AupOutcome.BackendRefused, isRefusal: false));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.BackendRefused, LogLevel.Warning, "AUP {Decision}: the backend refused {User}'s call to {Service} with its own AUP refusal although the gateway let it through (something outside the gateway calls with this identity, or the windows differ); {Action}")]
        public static partial void BackendRefused(ILogger logger, string user, string service, string decision, string action);

        [LoggerMessage(EventIds.Held, LogLevel.Debug, "AUP {Decision}: {User} called {Service} inside the window; held {HeldMilliseconds} ms for its slot, then forwarded")]
        public static partial void Held(ILogger logger, string user, string service, string decision, long heldMilliseconds);

        [LoggerMessage(EventIds.HoldFull, LogLevel.Information, "AUP {Decision}: {User} called {Service} with no slot free to hold it for (the next is {WaitMilliseconds} ms away); refused, no slot moved")]
        public static partial void HoldFull(ILogger logger, string user, string service, string decision, long waitMilliseconds);

        [LoggerMessage(EventIds.HoldCancelled, LogLevel.Information, "AUP {Decision}: {User}'s held call to {Service} was not forwarded: {Reason}; its slot was handed back")]
        public static partial void HoldCancelled(ILogger logger, string user, string service, string decision, string reason);

        [LoggerMessage(EventIds.Rejected, LogLevel.Information, "AUP {Decision}: {User} called {Service} again within the window; retry after {RetryAfterSeconds} s ({SuppressedRefusals} more refusals of this pair since its last logged one)")]
        public static partial void Rejected(ILogger logger, string user, string service, string decision, int retryAfterSeconds, long suppressedRefusals);

        // Further refusals of a pair within a window: Debug, so a flood cannot drown the log or slow it down.
        [LoggerMessage(EventIds.RejectedRepeat, LogLevel.Debug, "AUP {Decision}: {User} called {Service} again within the window; retry after {RetryAfterSeconds} s")]
        public static partial void RejectedRepeat(ILogger logger, string user, string service, string decision, int retryAfterSeconds);

        [LoggerMessage(EventIds.Allowed, LogLevel.Debug, "AUP {Decision}: {User} called {Service}")]
        public static partial void Allowed(ILogger logger, string user, string service, string decision);

        [LoggerMessage(EventIds.StoreFailureAllowed, LogLevel.Debug, "AUP store unavailable: forwarding {User} calling {Service} unchecked (OnStoreFailure=Allow)")]
        public static partial void StoreFailureAllowed(ILogger logger, string user, string service);

        [LoggerMessage(EventIds.StoreFailureRejected, LogLevel.Debug, "AUP store unavailable: refusing {User} calling {Service} (OnStoreFailure=Reject)")]
        public static partial void StoreFailureRejected(ILogger logger, string user, string service);

        [LoggerMessage(EventIds.Unidentified, LogLevel.Information, "AUP refused a request to {Path} with no user identity")]
        public static partial void Unidentified(ILogger logger, PathString path);

        [LoggerMessage(EventIds.BadRequest, LogLevel.Information, "AUP refused a request it cannot key: {Reason} ({SuppressedRefusals} more such refusals of this user since the last logged one)")]
        public static partial void BadRequest(ILogger logger, string reason, long suppressedRefusals);

        [LoggerMessage(EventIds.ShadowRejected, LogLevel.Information, "AUP {Decision}: {User} called {Service} again within the window and would have been refused (retry after {RetryAfterSeconds} s); forwarded, the route is in shadow mode")]
        public static partial void ShadowRejected(ILogger logger, string user, string service, string decision, int retryAfterSeconds);

        [LoggerMessage(EventIds.ShadowRefusal, LogLevel.Information, "AUP {Decision}: a request to {Path} would have been answered {StatusCode}; forwarded, the route is in shadow mode")]
        public static partial void ShadowRefusal(ILogger logger, int statusCode, PathString path, string decision);

        [LoggerMessage(EventIds.Exempt, LogLevel.Debug, "AUP {Decision}: {User} is exempt, {Path} forwarded unchecked")]
        public static partial void Exempt(ILogger logger, string user, PathString path, string decision);

        [LoggerMessage(EventIds.MetadataRead, LogLevel.Debug, "AUP {Decision}: {Path} reads a service description, forwarded without counting")]
        public static partial void MetadataRead(ILogger logger, PathString path, string decision);

        [LoggerMessage(EventIds.UnknownService, LogLevel.Information, "AUP {Decision}: {User} called {Path}, naming no operation in Aup:Services; refused, no lock written ({SuppressedRefusals} more such refusals of this user since the last logged one)")]
        public static partial void UnknownService(ILogger logger, string user, PathString path, string decision, long suppressedRefusals);
    }
}
