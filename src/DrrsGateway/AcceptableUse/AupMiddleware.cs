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
/// operation (Soap, Services), what the store says (Stores), then the answer (Responses). Every path ends in
/// <see cref="Conclude"/>, which counts the outcome and tells the request log what happened.
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

        if (policy.Soap.ForwardMetadataReads && MetadataRead.Is(context.Request))
        {
            return ForwardMetadataReadAsync(context);
        }

        var call = new AupCall(route, SoapRequest.Read(context.Request, policy.Soap, _names));
        var identity = route.ClusterCertificateIdentity
            ? ClusterCertificateIdentity.Resolve(context, _clusterCertificates, policy.Identity)
            : UserIdentityResolver.Resolve(context, policy.Identity);
        if (identity.User is not { } user)
        {
            return identity.Problem is { } problem
                ? RefuseBadRequestAsync(context, call, policy, "", problem)
                : RefuseUnidentifiedAsync(context, call, policy);
        }

        if (policy.IsExempt(user))
        {
            Conclude(context, AupOutcome.Exempt, user, "");
            Log.Exempt(_logger, user, context.Request.Path, AupOutcomeNames.Decision(AupOutcome.Exempt));
            return _next(context);
        }

        var service = ServiceNameResolver.Resolve(context, route.Service, call.Soap, policy, _names);
        return service.Kind switch
        {
            ServiceResultKind.Named => DecideAsync(context, new AupKey(user, service.Service!), call, policy, service.ConfirmEnvelope),
            ServiceResultKind.NeedsEnvelope => DecideFromEnvelopeAsync(context, user, call, policy),
            _ => RefuseUnkeyedAsync(context, user, call, policy, service),
        };
    }

    /// <summary>
    /// The one place a request's outcome is recorded: counted in the decisions metric and set on the request
    /// for the request log, with whether the gateway answers the request itself (<c>refused</c>) instead of
    /// forwarding it. A refusal on a shadow route is recorded as <see cref="AupOutcome.Shadow"/>.
    /// </summary>
    private void Conclude(HttpContext context, AupOutcome outcome, string user, string service, bool refused = false)
    {
        _metrics.RecordDecision(outcome, service);
        context.Features.Set<IAupDecisionFeature>(outcome == AupOutcome.Metadata
            ? AupDecisionFeature.Metadata
            : new AupDecisionFeature(user, service, outcome, refused));
    }

    // A WSDL or schema read runs no operation: forwarded without a decision, a lock or even an identity.
    private Task ForwardMetadataReadAsync(HttpContext context)
    {
        Conclude(context, AupOutcome.Metadata, "", "");
        Log.MetadataRead(_logger, context.Request.Path, AupOutcomeNames.Decision(AupOutcome.Metadata));
        return _next(context);
    }

    private async Task DecideFromEnvelopeAsync(HttpContext context, string user, AupCall call, AupPolicy policy)
    {
        var envelope = await EnvelopeReader.ReadAsync(context, call.Soap.Framing, policy.Soap.MaxEnvelopePeekBytes, policy.Services, _names).ConfigureAwait(false);
        var service = ServiceNameResolver.FromEnvelope(context, call.Soap, envelope, policy, _names);
        if (service.Kind == ServiceResultKind.Named)
        {
            await DecideAsync(context, new AupKey(user, service.Service!), call, policy, confirmEnvelope: false).ConfigureAwait(false);
            return;
        }

        await RefuseUnkeyedAsync(context, user, call, policy, service).ConfigureAwait(false);
    }

    private Task RefuseUnkeyedAsync(HttpContext context, string user, AupCall call, AupPolicy policy, ServiceResult service)
    {
        if (service.Kind != ServiceResultKind.Unknown)
        {
            return RefuseBadRequestAsync(context, call, policy, user, service.Problem!);
        }

        // Junk names are refused before they reach the store; logged once per user and window, so a flood
        // of them cannot drown the log.
        var decision = AupOutcomeNames.Decision(AupOutcome.UnknownService);
        if (call.IsEnforced && _refusalLog.ShouldLog(user, RefusalScope.Of(Refusal.UnknownService), call.Window, out var suppressed))
        {
            Log.UnknownService(_logger, user, context.Request.Path, decision, suppressed);
        }

        return RefuseAsync(context, call, policy, AupOutcome.UnknownService, user, "", Refusal.UnknownService);
    }

    private async Task DecideAsync(HttpContext context, AupKey key, AupCall call, AupPolicy policy, bool confirmEnvelope)
    {
        if (call.IsHeld)
        {
            await HoldAsync(context, key, call, policy, confirmEnvelope).ConfigureAwait(false);
            return;
        }

        var answer = await RecordAsync(key, call.Window).ConfigureAwait(false);
        if (call.IsEnforced)
        {
            _outcomes.Observe(key, answer, call.Window);
        }

        switch (answer)
        {
            case StoreAnswer.Allowed:
                if (confirmEnvelope && await EnvelopeDisagreesAsync(context, key, call, policy).ConfigureAwait(false) is { } problem)
                {
                    await RefuseUnkeyedAsync(context, key.User, call, policy, problem).ConfigureAwait(false);
                    return;
                }

                Conclude(context, AupOutcome.Allowed, key.User, key.Service);
                Log.Allowed(_logger, key.User, key.Service, AupOutcomeNames.Decision(AupOutcome.Allowed));
                if (policy.AdvertisePolicy)
                {
                    RateLimitPolicyHeader.Apply(context.Response, call.WindowSeconds);
                }

                await ForwardAllowedAsync(context, key, call, policy, holding: false, TimeSpan.Zero).ConfigureAwait(false);
                return;

            case StoreAnswer.Rejected when !call.IsEnforced:
                Conclude(context, AupOutcome.Shadow, key.User, key.Service);
                Log.ShadowRejected(_logger, key.User, key.Service, AupOutcomeNames.Decision(AupOutcome.Shadow), call.WindowSeconds);
                await _next(context).ConfigureAwait(false);
                return;

            case StoreAnswer.Rejected:
                LogRejected(key, call);
                await RefuseAsync(context, call, policy, AupOutcome.Rejected, key.User, key.Service, Refusal.Violation(call.WindowSeconds)).ConfigureAwait(false);
                return;

            default:
                await HandleStoreFailureAsync(context, key, call, policy).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>
    /// Hold mode: the window is what CAISO sees, the time since the last call forwarded for the key. A call
    /// inside it waits for its slot and is then forwarded; one that finds no slot is refused with CAISO's
    /// message and moves no slot. The envelope is confirmed first, so a disagreeing call takes no slot.
    /// </summary>
    private async Task HoldAsync(HttpContext context, AupKey key, AupCall call, AupPolicy policy, bool confirmEnvelope)
    {
        if (confirmEnvelope && await EnvelopeDisagreesAsync(context, key, call, policy).ConfigureAwait(false) is { } problem)
        {
            await RefuseUnkeyedAsync(context, key.User, call, policy, problem).ConfigureAwait(false);
            return;
        }

        var hold = await _holder.WaitForSlotAsync(key, call.Window, policy.Hold, context.RequestAborted).ConfigureAwait(false);
        switch (hold.Kind)
        {
            case HoldResultKind.Now:
                Conclude(context, AupOutcome.Allowed, key.User, key.Service);
                Log.Allowed(_logger, key.User, key.Service, AupOutcomeNames.Decision(AupOutcome.Allowed));
                await ForwardAllowedAsync(context, key, call, policy, holding: true, TimeSpan.Zero).ConfigureAwait(false);
                return;

            case HoldResultKind.Held:
                Conclude(context, AupOutcome.Held, key.User, key.Service);
                var heldMs = (long)hold.Wait.TotalMilliseconds;
                Log.Held(_logger, key.User, key.Service, AupOutcomeNames.Decision(AupOutcome.Held), heldMs);
                context.Response.Headers[HeldHeader] = heldMs.ToString(CultureInfo.InvariantCulture);
                await ForwardAllowedAsync(context, key, call, policy, holding: true, hold.Wait).ConfigureAwait(false);
                return;

            case HoldResultKind.Full:
                Log.HoldFull(_logger, key.User, key.Service, AupOutcomeNames.Decision(AupOutcome.Rejected), (long)hold.Wait.TotalMilliseconds);
                await RefuseAsync(context, call, policy, AupOutcome.Rejected, key.User, key.Service, Refusal.Violation(call.WindowSeconds)).ConfigureAwait(false);
                return;

            case HoldResultKind.Abandoned:
                // Nobody is left to answer: the outcome is recorded, the connection is already gone.
                Conclude(context, AupOutcome.HoldCancelled, key.User, key.Service, refused: true);
                Log.HoldCancelled(_logger, key.User, key.Service, AupOutcomeNames.Decision(AupOutcome.HoldCancelled), "the caller gave up");
                return;

            case HoldResultKind.ShuttingDown:
                Log.HoldCancelled(_logger, key.User, key.Service, AupOutcomeNames.Decision(AupOutcome.HoldCancelled), "the gateway is stopping");
                await RefuseAsync(context, call, policy, AupOutcome.HoldCancelled, key.User, key.Service,
                    Refusal.ShuttingDown(Math.Max(1, (int)Math.Ceiling(hold.Wait.TotalSeconds)))).ConfigureAwait(false);
                return;

            default:
                await HandleStoreFailureAsync(context, key, call, policy).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>
    /// Forwards a call the policy let through, watching for the backend's own AUP refusal: each one is counted
    /// and logged (the backend's window and the gateway's differ: something else calls with this identity);
    /// a held call is held again and forwarded anew, so its caller sees the refusal only when it cannot be.
    /// </summary>
    private async Task ForwardAllowedAsync(HttpContext context, AupKey key, AupCall call, AupPolicy policy, bool holding, TimeSpan held)
    {
        var answer = await _absorber.ForwardAsync(context, key, call.Window, policy.Hold, holding, held, _next).ConfigureAwait(false);
        for (var refusal = 1; refusal <= answer.Refusals; refusal++)
        {
            _metrics.RecordDecision(AupOutcome.BackendRefused, key.Service);
            var passedOn = answer.RefusalPassedOn && refusal == answer.Refusals;
            Log.BackendRefused(_logger, key.User, key.Service, AupOutcomeNames.Decision(AupOutcome.BackendRefused),
                passedOn ? "passed the refusal on to the caller" : "held the call again and forwarded it a spacing later");
        }

        if (answer.RefusalPassedOn)
        {
            context.Features.Set<IAupDecisionFeature>(new AupDecisionFeature(key.User, key.Service, AupOutcome.BackendRefused, isRefusal: false));
        }
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

    private void LogRejected(AupKey key, AupCall call)
    {
        var decision = AupOutcomeNames.Decision(AupOutcome.Rejected);
        if (_refusalLog.ShouldLog(key, call.Window, out var suppressed))
        {
            Log.Rejected(_logger, key.User, key.Service, decision, call.WindowSeconds, suppressed);
        }
        else
        {
            Log.RejectedRepeat(_logger, key.User, key.Service, decision, call.WindowSeconds);
        }
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

    private Task HandleStoreFailureAsync(HttpContext context, AupKey key, AupCall call, AupPolicy policy)
    {
        if (policy.OnStoreFailure == StoreFailureMode.Allow)
        {
            Conclude(context, AupOutcome.StoreUnavailable, key.User, key.Service);
            Log.StoreFailureAllowed(_logger, key.User, key.Service);
            return _next(context);
        }

        if (call.IsEnforced)
        {
            Log.StoreFailureRejected(_logger, key.User, key.Service);
        }

        // The store is probed again after the breaker's pause: a caller may retry then, not a full window later.
        return RefuseAsync(context, call, policy, AupOutcome.StoreUnavailable, key.User, key.Service, Refusal.StoreUnavailable(_storeHealth.RetryAfterSeconds));
    }

    private Task RefuseUnidentifiedAsync(HttpContext context, AupCall call, AupPolicy policy)
    {
        if (call.IsEnforced)
        {
            Log.Unidentified(_logger, context.Request.Path);
        }

        return RefuseAsync(context, call, policy, AupOutcome.Unidentified, "", "", Refusal.Unidentified);
    }

    private Task RefuseBadRequestAsync(HttpContext context, AupCall call, AupPolicy policy, string user, string problem)
    {
        // Hostile envelopes can come as a flood: one line per user and window (unusable identities count as one user).
        var refusal = Refusal.BadRequest(problem);
        if (call.IsEnforced && _refusalLog.ShouldLog(user, RefusalScope.Of(refusal), call.Window, out var suppressed))
        {
            Log.BadRequest(_logger, problem, suppressed);
        }

        return RefuseAsync(context, call, policy, AupOutcome.BadRequest, user, "", refusal);
    }

    /// <summary>
    /// Answers in the caller's protocol, or, on a route in shadow mode, logs the answer it would have given
    /// and forwards; either way the outcome is concluded first.
    /// </summary>
    private Task RefuseAsync(HttpContext context, AupCall call, AupPolicy policy, AupOutcome outcome, string user, string service, Refusal refusal)
    {
        if (!call.IsEnforced)
        {
            Conclude(context, AupOutcome.Shadow, user, service);
            Log.ShadowRefusal(_logger, refusal.StatusCode, context.Request.Path, AupOutcomeNames.Decision(AupOutcome.Shadow));
            return _next(context);
        }

        Conclude(context, outcome, user, service, refused: true);
        return RefusalResponder.For(context.Request, call.Soap.Version).WriteAsync(context, refusal with { Service = service }, policy.Soap);
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
