using System.Diagnostics;
using System.Globalization;
using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Responses;
using DrrsGateway.AcceptableUse.Routes;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Soap;
using DrrsGateway.AcceptableUse.Stores;

namespace DrrsGateway.AcceptableUse;

/// <summary>
/// Enforces the Acceptable Use Policy inside YARP's proxy pipeline: one request per (user, service) per
/// window, every request restarting the window; refused requests are answered here and never forwarded.
/// </summary>
/// <remarks>
/// The flow reads top to bottom: the route's mode, metadata reads, who is calling (Identity), which
/// operation (Soap, Services), what the store or hold mode says (Stores, Hold): one <see cref="AupDecision"/>.
/// <see cref="Conclude"/> applies it, the same way for every outcome; then the request is forwarded or refused.
/// </remarks>
internal sealed partial class AupMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AupPolicyProvider _policy;
    private readonly IAupStore _store;
    private readonly AupMetrics _metrics;
    private readonly RefusalLogThrottle _refusalLog;
    private readonly ServiceNames _names;
    private readonly CallHolder _holder;
    private readonly IAupOutcomeObserver _outcomes;
    private readonly IAupStoreHealth _storeHealth;
    private readonly BackendRefusalAbsorber _absorber;
    private readonly IClusterCertificates _clusterCertificates;
    private readonly ILogger<AupMiddleware> _logger;

    public AupMiddleware(
        RequestDelegate next,
        AupPolicyProvider policy,
        IAupStore store,
        AupMetrics metrics,
        RefusalLogThrottle refusalLog,
        ServiceNames names,
        CallHolder holder,
        IAupOutcomeObserver outcomes,
        IAupStoreHealth storeHealth,
        BackendRefusalAbsorber absorber,
        IClusterCertificates clusterCertificates,
        ILogger<AupMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(refusalLog);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(storeHealth);
        ArgumentNullException.ThrowIfNull(absorber);
        ArgumentNullException.ThrowIfNull(clusterCertificates);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _policy = policy;
        _store = store;
        _metrics = metrics;
        _refusalLog = refusalLog;
        _names = names;
        _holder = holder;
        _outcomes = outcomes;
        _storeHealth = storeHealth;
        _absorber = absorber;
        _clusterCertificates = clusterCertificates;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var policy = _policy.Current;
        if (!policy.Enabled)
        {
            return _next(context);
        }

        var route = AupRouteSettings.For(context, policy);
        if (route.Mode == AupMode.Off)
        {
            return _next(context);
        }

        return DecideAndApplyAsync(context, policy, route);
    }

    private async Task DecideAndApplyAsync(HttpContext context, AupPolicy policy, AupRouteSettings route)
    {
        var decision = Conclude(context, await DecideAsync(context, policy, route).ConfigureAwait(false), policy);
        if (!decision.Forwards)
        {
            await RefuseAsync(context, decision, policy.Soap).ConfigureAwait(false);
            return;
        }

        if (!decision.WatchesBackend)
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        var answer = await _absorber.ForwardAsync(context, decision.Key, decision.Call.Window, policy.Hold, decision.Call.IsHeld, decision.HeldFor, _next).ConfigureAwait(false);
        ConcludeBackendAnswer(context, decision, answer);
    }

    private ValueTask<AupDecision> DecideAsync(HttpContext context, AupPolicy policy, AupRouteSettings route)
    {
        if (policy.Soap.ForwardMetadataReads && MetadataRead.Is(context.Request))
        {
            return new(AupDecision.Metadata(new AupCall(route, SoapRequest.None)));
        }

        var call = new AupCall(route, SoapRequest.Read(context.Request, policy.Soap, _names));
        var identity = route.ClusterCertificateIdentity
            ? ClusterCertificateIdentity.Resolve(context, _clusterCertificates, policy.Identity)
            : UserIdentityResolver.Resolve(context, policy.Identity);
        if (identity.User is not { } user)
        {
            return new(identity.Problem is { } problem ? AupDecision.BadRequest(call, "", problem) : AupDecision.Unidentified(call));
        }

        if (policy.IsExempt(user))
        {
            return new(AupDecision.Exempt(call, user));
        }

        var service = ServiceNameResolver.Resolve(context, route.Service, call.Soap, policy, _names);
        return service.Kind switch
        {
            ServiceResultKind.Named => DecideKeyedAsync(context, call, policy, new AupKey(user, service.Service!), service.ConfirmEnvelope),
            ServiceResultKind.NeedsEnvelope => DecideFromEnvelopeAsync(context, call, policy, user),
            _ => new(AupDecision.Unkeyed(call, user, service)),
        };
    }

    private async ValueTask<AupDecision> DecideFromEnvelopeAsync(HttpContext context, AupCall call, AupPolicy policy, string user)
    {
        var envelope = await EnvelopeReader.ReadAsync(context, call.Soap.Framing, policy.Soap.MaxEnvelopePeekBytes, policy.Services, _names).ConfigureAwait(false);
        var service = ServiceNameResolver.FromEnvelope(context, call.Soap, envelope, policy, _names);
        return service.Kind == ServiceResultKind.Named
            ? await DecideKeyedAsync(context, call, policy, new AupKey(user, service.Service!), confirmEnvelope: false).ConfigureAwait(false)
            : AupDecision.Unkeyed(call, user, service);
    }

    /// <summary>
    /// Hold mode confirms the envelope before the call takes a slot, so a disagreeing call takes none;
    /// otherwise the window restarts first, as for any request, and only an allowed call is confirmed (a
    /// refused one never reaches the backend).
    /// </summary>
    private async ValueTask<AupDecision> DecideKeyedAsync(HttpContext context, AupCall call, AupPolicy policy, AupKey key, bool confirmEnvelope)
    {
        if (call.IsHeld)
        {
            var disagreement = confirmEnvelope ? await EnvelopeDisagreesAsync(context, key, call, policy).ConfigureAwait(false) : null;
            return disagreement is { } problem
                ? AupDecision.Unkeyed(call, key.User, problem)
                : await HoldAsync(context, call, policy, key).ConfigureAwait(false);
        }

        var stored = await AskStoreAsync(call, policy, key).ConfigureAwait(false);
        var disagrees = confirmEnvelope && stored.Outcome == AupOutcome.Allowed ? await EnvelopeDisagreesAsync(context, key, call, policy).ConfigureAwait(false) : null;
        return disagrees is { } unkeyed ? AupDecision.Unkeyed(call, key.User, unkeyed) with { Stored = stored.Stored } : stored;
    }

    /// <summary>
    /// Hold mode: the window is what CAISO sees, the time since the last call forwarded for the key. A call
    /// inside it waits for its slot and is then forwarded; one that finds no slot is refused with CAISO's
    /// message and moves no slot.
    /// </summary>
    private async ValueTask<AupDecision> HoldAsync(HttpContext context, AupCall call, AupPolicy policy, AupKey key)
    {
        var hold = await _holder.WaitForSlotAsync(key, call.Window, policy.Hold, context.RequestAborted).ConfigureAwait(false);
        return hold.Kind switch
        {
            HoldResultKind.Now => AupDecision.Allowed(call, key) with { Hold = hold },
            HoldResultKind.Held => AupDecision.Held(call, key, hold),
            HoldResultKind.Full => AupDecision.HoldFull(call, key, hold),
            HoldResultKind.Abandoned or HoldResultKind.ShuttingDown => AupDecision.HoldCancelled(call, key, hold),
            _ => AupDecision.StoreUnavailable(call, key, policy.OnStoreFailure, _storeHealth.RetryAfterSeconds),
        };
    }

    /// <summary>The store's one answer both decides and restarts the window.</summary>
    private async ValueTask<AupDecision> AskStoreAsync(AupCall call, AupPolicy policy, AupKey key)
    {
        var answer = await RecordAsync(key, call.Window).ConfigureAwait(false);
        var decision = answer switch
        {
            StoreAnswer.Allowed => AupDecision.Allowed(call, key),
            StoreAnswer.Rejected => AupDecision.Rejected(call, key),
            _ => AupDecision.StoreUnavailable(call, key, policy.OnStoreFailure, _storeHealth.RetryAfterSeconds),
        };
        return decision with { Stored = (key, answer) };
    }

    private ValueTask<StoreAnswer> RecordAsync(AupKey key, TimeSpan window)
    {
        if (!_metrics.StoreDurationEnabled)
        {
            return _store.RecordRequestAsync(key, window);
        }

        return RecordTimedAsync(key, window);
    }

    private async ValueTask<StoreAnswer> RecordTimedAsync(AupKey key, TimeSpan window)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await _store.RecordRequestAsync(key, window).ConfigureAwait(false);
        _metrics.RecordStoreDuration(Stopwatch.GetElapsedTime(started), answer);
        return answer;
    }

    /// <summary>
    /// Checks, before an allowed call keyed by its path goes to the backend, that its envelope names no other
    /// operation; the window it restarted stays restarted, as for any request.
    /// </summary>
    private async Task<ServiceResult?> EnvelopeDisagreesAsync(HttpContext context, AupKey key, AupCall call, AupPolicy policy)
    {
        var envelope = await EnvelopeReader.ReadAsync(context, call.Soap.Framing, policy.Soap.MaxEnvelopePeekBytes, policy.Services, _names, key.Service).ConfigureAwait(false);
        if (envelope == EnvelopeNames.Empty)
        {
            // Names nothing beyond what keyed the call: the common case, settled without resolving again.
            return null;
        }

        var service = ServiceNameResolver.FromEnvelope(context, call.Soap, envelope, policy, _names);
        if (service.Kind != ServiceResultKind.Named)
        {
            return service;
        }

        return string.Equals(service.Service, key.Service, StringComparison.Ordinal) ? null : ServiceResult.Invalid(ServiceNameResolver.DisagreementProblem);
    }

    /// <summary>
    /// The one place a decision is recorded, on every path: a refusal on a shadow route becomes
    /// <see cref="AupOutcome.Shadow"/>; the outcome is counted in the decisions metric, shown to the outcome
    /// observer when the store was asked, set on the request for the request log and logged; an allowed or
    /// held call gets its headers. Returns the decision as applied.
    /// </summary>
    private AupDecision Conclude(HttpContext context, AupDecision decided, AupPolicy policy)
    {
        var decision = decided.InShadow();
        var call = decision.Call;
        _metrics.RecordDecision(decision.Outcome, decision.Service);
        if (decision.Stored is { } stored && call.IsEnforced)
        {
            _outcomes.Observe(stored.Key, stored.Answer, call.Window);
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
            context.Response.Headers[HeldHeader] = Milliseconds(decision.HeldFor).ToString(CultureInfo.InvariantCulture);
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
                Log.MetadataRead(_logger, context.Request.Path, word);
                break;
            case AupOutcome.Exempt:
                Log.Exempt(_logger, user, context.Request.Path, word);
                break;
            case AupOutcome.Allowed:
                Log.Allowed(_logger, user, service, word);
                break;
            case AupOutcome.Held:
                Log.Held(_logger, user, service, word, Milliseconds(decision.HeldFor));
                break;
            case AupOutcome.Shadow when decision.Refusal is { Kind: RefusalKind.Violation }:
                Log.ShadowRejected(_logger, user, service, word, call.WindowSeconds);
                break;
            case AupOutcome.Shadow:
                Log.ShadowRefusal(_logger, decision.Refusal!.Value.StatusCode, context.Request.Path, word);
                break;
            case AupOutcome.Rejected when decision.Hold is { } full:
                Log.HoldFull(_logger, user, service, word, Milliseconds(full.Wait));
                break;
            case AupOutcome.Rejected when ShouldLog(decision, out suppressed):
                Log.Rejected(_logger, user, service, word, call.WindowSeconds, suppressed);
                break;
            case AupOutcome.Rejected:
                Log.RejectedRepeat(_logger, user, service, word, call.WindowSeconds);
                break;
            case AupOutcome.StoreUnavailable when decision.Forwards:
                Log.StoreFailureAllowed(_logger, user, service);
                break;
            case AupOutcome.StoreUnavailable:
                Log.StoreFailureRejected(_logger, user, service);
                break;
            case AupOutcome.Unidentified:
                Log.Unidentified(_logger, context.Request.Path);
                break;

            // Junk names and hostile envelopes can come as a flood: one line per user and window.
            case AupOutcome.UnknownService when ShouldLog(decision, out suppressed):
                Log.UnknownService(_logger, user, context.Request.Path, word, suppressed);
                break;
            case AupOutcome.BadRequest when ShouldLog(decision, out suppressed):
                Log.BadRequest(_logger, decision.Refusal!.Value.Detail, suppressed);
                break;
            case AupOutcome.HoldCancelled:
                Log.HoldCancelled(_logger, user, service, word, decision.Hold?.Kind == HoldResultKind.Abandoned ? "the caller gave up" : "the gateway is stopping");
                break;
        }
    }

    private bool ShouldLog(AupDecision decision, out long suppressed) =>
        _refusalLog.ShouldLog(decision.User, RefusalScope.Of(decision.Refusal!.Value), decision.Call.Window, out suppressed);

    private static long Milliseconds(TimeSpan wait) => (long)wait.TotalMilliseconds;

    /// <summary>Answers in the caller's protocol; a call whose caller gave up gets nothing, nobody is left to read it.</summary>
    private static Task RefuseAsync(HttpContext context, AupDecision decision, SoapPolicy soap) => decision.Refusal is { } refusal
        ? RefusalResponder.For(context.Request, decision.Call.Soap.Version).WriteAsync(context, refusal, soap)
        : Task.CompletedTask;

    /// <summary>
    /// Counts and logs each of the backend's own AUP refusals of a call the policy let through (the backend's
    /// window and the gateway's differ: something else calls with this identity); a held call is held again
    /// and forwarded anew, so its caller sees the refusal only when it cannot be.
    /// </summary>
    private void ConcludeBackendAnswer(HttpContext context, AupDecision decision, BackendAnswer answer)
    {
        var word = AupOutcomeNames.Decision(AupOutcome.BackendRefused);
        for (var refusal = 1; refusal <= answer.Refusals; refusal++)
        {
            _metrics.RecordDecision(AupOutcome.BackendRefused, decision.Service);
            var passedOn = answer.RefusalPassedOn && refusal == answer.Refusals;
            Log.BackendRefused(_logger, decision.User, decision.Service, word,
                passedOn ? "passed the refusal on to the caller" : "held the call again and forwarded it a spacing later");
        }

        if (answer.RefusalPassedOn)
        {
            context.Features.Set<IAupDecisionFeature>(new AupDecisionFeature(decision.User, decision.Service, AupOutcome.BackendRefused, isRefusal: false));
        }
    }

    /// <summary>On a call hold mode held: how long it waited for its slot, in milliseconds.</summary>
    public const string HeldHeader = "X-Drrs-Held-Ms";

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
