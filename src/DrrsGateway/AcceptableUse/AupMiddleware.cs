using System.Diagnostics;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Responses;
using DrrsGateway.AcceptableUse.Routes;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Soap;
using DrrsGateway.AcceptableUse.Stores;
using DrrsGateway.Monitoring;

namespace DrrsGateway.AcceptableUse;

/// <summary>
/// Enforces the Acceptable Use Policy inside YARP's proxy pipeline: one request per (user, service) per
/// window, every request restarting the window; refused requests are answered here and never forwarded.
/// </summary>
internal sealed partial class AupMiddleware
{
    private const string RejectedDecision = "Rejected";
    private const string AllowedDecision = "Allowed";
    private const string ShadowDecision = "Shadow";
    private const string ExemptDecision = "Exempt";
    private const string MetadataDecision = "Metadata";
    private const string UnknownServiceDecision = "UnknownService";
    private const string BadRequestDecision = "BadRequest";
    private const string UnidentifiedDecision = "Unidentified";

    private readonly RequestDelegate _next;
    private readonly AupSettings _settings;
    private readonly IAupStore _store;
    private readonly AupMetrics _metrics;
    private readonly RefusalLogThrottle _refusalLog;
    private readonly RefusalStreaks _streaks;
    private readonly ILogger<AupMiddleware> _logger;

    public AupMiddleware(
        RequestDelegate next,
        AupSettings settings,
        IAupStore store,
        AupMetrics metrics,
        RefusalLogThrottle refusalLog,
        RefusalStreaks streaks,
        ILogger<AupMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(refusalLog);
        ArgumentNullException.ThrowIfNull(streaks);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _settings = settings;
        _store = store;
        _metrics = metrics;
        _refusalLog = refusalLog;
        _streaks = streaks;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var options = _settings.Current;
        if (!options.Enabled)
        {
            return _next(context);
        }

        var route = AupRouteSettings.For(context, options);
        if (route.Mode == AupMode.Off)
        {
            return _next(context);
        }

        if (options.Soap.ForwardMetadataReads && MetadataRead.Is(context.Request))
        {
            return ForwardMetadataReadAsync(context);
        }

        var call = new AupCall(route, SoapRequest.Read(context.Request, options.Soap));
        var identity = UserIdentityResolver.Resolve(context, options.Identity, options.Identity.EffectiveTrustedProxies);
        if (identity.User is not { } user)
        {
            return identity.Problem is { } problem
                ? RefuseBadRequestAsync(context, call, options, "", problem)
                : RefuseUnidentifiedAsync(context, call, options);
        }

        if (options.IsExempt(user))
        {
            _metrics.RecordDecision(AupOutcome.Exempt, ServiceTag.Other);
            Log.Exempt(_logger, user, context.Request.Path, ExemptDecision);
            context.Features.Set<IAupDecisionFeature>(AupDecisionFeature.Exempt(user));
            return _next(context);
        }

        var service = ServiceNameResolver.Resolve(context, call.Soap, options);
        return service.Kind switch
        {
            ServiceResultKind.Named => DecideAsync(context, new AupKey(user, service.Service!), call, options, service.ConfirmEnvelope),
            ServiceResultKind.NeedsEnvelope => DecideFromEnvelopeAsync(context, user, call, options),
            _ => RefuseUnkeyedAsync(context, user, call, options, service),
        };
    }

    // A WSDL or schema read runs no operation: forwarded without a decision, a lock or even an identity.
    private Task ForwardMetadataReadAsync(HttpContext context)
    {
        _metrics.RecordDecision(AupOutcome.Metadata, ServiceTag.Other);
        Log.MetadataRead(_logger, context.Request.Path, MetadataDecision);
        context.Features.Set<IAupDecisionFeature>(AupDecisionFeature.Metadata);
        return _next(context);
    }

    private async Task DecideFromEnvelopeAsync(HttpContext context, string user, AupCall call, AupOptions options)
    {
        var envelope = await EnvelopeReader.ReadAsync(context, call.Soap.Framing, options.Soap.MaxEnvelopePeekBytes, options.ParsedServices).ConfigureAwait(false);
        var service = ServiceNameResolver.FromEnvelope(context, call.Soap, envelope, options);
        if (service.Kind == ServiceResultKind.Named)
        {
            await DecideAsync(context, new AupKey(user, service.Service!), call, options, confirmEnvelope: false).ConfigureAwait(false);
            return;
        }

        await RefuseUnkeyedAsync(context, user, call, options, service).ConfigureAwait(false);
    }

    private Task RefuseUnkeyedAsync(HttpContext context, string user, AupCall call, AupOptions options, ServiceResult service)
    {
        if (service.Kind != ServiceResultKind.Unknown)
        {
            return RefuseBadRequestAsync(context, call, options, user, service.Problem!);
        }

        // Junk names are refused before they reach the store; logged once per user and window, so a flood
        // of them cannot drown the log.
        _metrics.RecordDecision(AupOutcome.UnknownService, ServiceTag.Other);
        if (call.IsEnforced && _refusalLog.ShouldLog(new AupKey(user, UnknownServiceDecision), call.Window, out var suppressed))
        {
            Log.UnknownService(_logger, user, context.Request.Path, UnknownServiceDecision, suppressed);
        }

        context.Features.Set<IAupDecisionFeature>(AupDecisionFeature.Refused(user, UnknownServiceDecision, call.IsEnforced));
        return RefuseAsync(context, call, options, Refusal.UnknownService);
    }

    private async Task DecideAsync(HttpContext context, AupKey key, AupCall call, AupOptions options, bool confirmEnvelope)
    {
        var decision = await RecordAsync(key, call.Window).ConfigureAwait(false);
        if (call.IsEnforced)
        {
            _streaks.Observe(key, decision, call.Window);
        }

        context.Features.Set<IAupDecisionFeature>(AupDecisionFeature.For(key, decision, call.IsEnforced));
        switch (decision)
        {
            case AupDecision.Allowed:
                if (confirmEnvelope && await EnvelopeDisagreesAsync(context, key, call, options).ConfigureAwait(false) is { } problem)
                {
                    await RefuseUnkeyedAsync(context, key.User, call, options, problem).ConfigureAwait(false);
                    return;
                }

                _metrics.RecordDecision(AupOutcome.Allowed, key.Service);
                Log.Allowed(_logger, key.User, key.Service, AllowedDecision);
                if (options.AdvertisePolicy)
                {
                    RateLimitPolicyHeader.Apply(context.Response, call.WindowSeconds);
                }

                await _next(context).ConfigureAwait(false);
                return;

            case AupDecision.Rejected when !call.IsEnforced:
                _metrics.RecordDecision(AupOutcome.Shadow, key.Service);
                Log.ShadowRejected(_logger, key.User, key.Service, ShadowDecision, call.WindowSeconds);
                await _next(context).ConfigureAwait(false);
                return;

            case AupDecision.Rejected:
                _metrics.RecordDecision(AupOutcome.Rejected, key.Service);
                LogRejected(key, call);
                await RefuseAsync(context, call, options, Refusal.Violation(call.WindowSeconds)).ConfigureAwait(false);
                return;

            default:
                await HandleStoreFailureAsync(context, key, call, options).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>
    /// Checks, before an allowed call keyed by its path goes to the backend, that its envelope names no other
    /// operation; the window it restarted stays restarted, as for any request.
    /// </summary>
    private static async Task<ServiceResult?> EnvelopeDisagreesAsync(HttpContext context, AupKey key, AupCall call, AupOptions options)
    {
        var envelope = await EnvelopeReader.ReadAsync(context, call.Soap.Framing, options.Soap.MaxEnvelopePeekBytes, options.ParsedServices, key.Service).ConfigureAwait(false);
        if (envelope == EnvelopeNames.Empty)
        {
            // Names nothing beyond what keyed the call: the common case, settled without resolving again.
            return null;
        }

        var service = ServiceNameResolver.FromEnvelope(context, call.Soap, envelope, options);
        if (service.Kind != ServiceResultKind.Named)
        {
            return service;
        }

        return string.Equals(service.Service, key.Service, StringComparison.Ordinal) ? null : ServiceResult.Invalid(ServiceNameResolver.DisagreementProblem);
    }

    private void LogRejected(AupKey key, AupCall call)
    {
        if (_refusalLog.ShouldLog(key, call.Window, out var suppressed))
        {
            Log.Rejected(_logger, key.User, key.Service, RejectedDecision, call.WindowSeconds, suppressed);
        }
        else
        {
            Log.RejectedRepeat(_logger, key.User, key.Service, RejectedDecision, call.WindowSeconds);
        }
    }

    private ValueTask<AupDecision> RecordAsync(AupKey key, TimeSpan window)
    {
        if (!_metrics.StoreDurationEnabled)
        {
            return _store.RecordRequestAsync(key, window);
        }

        return RecordTimedAsync(key, window);
    }

    private async ValueTask<AupDecision> RecordTimedAsync(AupKey key, TimeSpan window)
    {
        var started = Stopwatch.GetTimestamp();
        var decision = await _store.RecordRequestAsync(key, window).ConfigureAwait(false);
        _metrics.RecordStoreDuration(Stopwatch.GetElapsedTime(started), decision);
        return decision;
    }

    private Task HandleStoreFailureAsync(HttpContext context, AupKey key, AupCall call, AupOptions options)
    {
        _metrics.RecordDecision(AupOutcome.StoreFailure, key.Service);
        if (options.OnStoreFailure == StoreFailureMode.Allow)
        {
            Log.StoreFailureAllowed(_logger, key.User, key.Service);
            return _next(context);
        }

        if (call.IsEnforced)
        {
            Log.StoreFailureRejected(_logger, key.User, key.Service);
        }

        return RefuseAsync(context, call, options, Refusal.StoreUnavailable(RetryAfterStoreFailureSeconds(options)));
    }

    // The store is probed again after the breaker's pause: a caller may retry then, not a full window later.
    private static int RetryAfterStoreFailureSeconds(AupOptions options) =>
        Math.Max(1, (int)Math.Ceiling(options.Breaker.BreakMilliseconds / 1000.0));

    private Task RefuseUnidentifiedAsync(HttpContext context, AupCall call, AupOptions options)
    {
        _metrics.RecordDecision(AupOutcome.Unidentified, ServiceTag.Other);
        if (call.IsEnforced)
        {
            Log.Unidentified(_logger, context.Request.Path);
        }

        context.Features.Set<IAupDecisionFeature>(AupDecisionFeature.Refused("", UnidentifiedDecision, call.IsEnforced));
        return RefuseAsync(context, call, options, Refusal.Unidentified);
    }

    private Task RefuseBadRequestAsync(HttpContext context, AupCall call, AupOptions options, string user, string problem)
    {
        // Hostile envelopes can come as a flood: one line per user and window (unusable identities count as one user).
        _metrics.RecordDecision(AupOutcome.BadRequest, ServiceTag.Other);
        if (call.IsEnforced && _refusalLog.ShouldLog(new AupKey(user, BadRequestDecision), call.Window, out var suppressed))
        {
            Log.BadRequest(_logger, problem, suppressed);
        }

        context.Features.Set<IAupDecisionFeature>(AupDecisionFeature.Refused(user, BadRequestDecision, call.IsEnforced));
        return RefuseAsync(context, call, options, Refusal.BadRequest(problem));
    }

    /// <summary>Answers in the caller's protocol, or, on a route in shadow mode, logs the answer and forwards.</summary>
    private Task RefuseAsync(HttpContext context, AupCall call, AupOptions options, Refusal refusal)
    {
        if (!call.IsEnforced)
        {
            Log.ShadowRefusal(_logger, refusal.StatusCode, context.Request.Path, ShadowDecision);
            return _next(context);
        }

        return RefusalResponder.For(context.Request, call.Soap.Version).WriteAsync(context, refusal, options);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "AUP {Decision}: {User} called {Service} again within the window; retry after {RetryAfterSeconds} s ({SuppressedRefusals} more refusals of this pair since its last logged one)")]
        public static partial void Rejected(ILogger logger, string user, string service, string decision, int retryAfterSeconds, long suppressedRefusals);

        // Further refusals of a pair within a window: Debug, so a flood cannot drown the log or slow it down.
        [LoggerMessage(10, LogLevel.Debug, "AUP {Decision}: {User} called {Service} again within the window; retry after {RetryAfterSeconds} s")]
        public static partial void RejectedRepeat(ILogger logger, string user, string service, string decision, int retryAfterSeconds);

        [LoggerMessage(2, LogLevel.Debug, "AUP {Decision}: {User} called {Service}")]
        public static partial void Allowed(ILogger logger, string user, string service, string decision);

        [LoggerMessage(3, LogLevel.Debug, "AUP store unavailable: forwarding {User} calling {Service} unchecked (OnStoreFailure=Allow)")]
        public static partial void StoreFailureAllowed(ILogger logger, string user, string service);

        [LoggerMessage(4, LogLevel.Debug, "AUP store unavailable: refusing {User} calling {Service} (OnStoreFailure=Reject)")]
        public static partial void StoreFailureRejected(ILogger logger, string user, string service);

        [LoggerMessage(5, LogLevel.Information, "AUP refused a request to {Path} with no user identity")]
        public static partial void Unidentified(ILogger logger, PathString path);

        [LoggerMessage(6, LogLevel.Information, "AUP refused a request it cannot key: {Reason} ({SuppressedRefusals} more such refusals of this user since the last logged one)")]
        public static partial void BadRequest(ILogger logger, string reason, long suppressedRefusals);

        [LoggerMessage(7, LogLevel.Information, "AUP {Decision}: {User} called {Service} again within the window and would have been refused (retry after {RetryAfterSeconds} s); forwarded, the route is in shadow mode")]
        public static partial void ShadowRejected(ILogger logger, string user, string service, string decision, int retryAfterSeconds);

        [LoggerMessage(8, LogLevel.Information, "AUP {Decision}: a request to {Path} would have been answered {StatusCode}; forwarded, the route is in shadow mode")]
        public static partial void ShadowRefusal(ILogger logger, int statusCode, PathString path, string decision);

        [LoggerMessage(9, LogLevel.Debug, "AUP {Decision}: {User} is exempt, {Path} forwarded unchecked")]
        public static partial void Exempt(ILogger logger, string user, PathString path, string decision);

        [LoggerMessage(11, LogLevel.Debug, "AUP {Decision}: {Path} reads a service description, forwarded without counting")]
        public static partial void MetadataRead(ILogger logger, PathString path, string decision);

        [LoggerMessage(12, LogLevel.Information, "AUP {Decision}: {User} called {Path}, naming no operation in Aup:Services; refused, no lock written ({SuppressedRefusals} more such refusals of this user since the last logged one)")]
        public static partial void UnknownService(ILogger logger, string user, PathString path, string decision, long suppressedRefusals);
    }
}
