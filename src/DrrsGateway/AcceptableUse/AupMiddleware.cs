using System.Diagnostics;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Responses;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Stores;
using Microsoft.Extensions.Options;

namespace DrrsGateway.AcceptableUse;

/// <summary>
/// Enforces the Acceptable Use Policy inside YARP's proxy pipeline: one request per (user, service) per
/// window, every request restarting the window; refused requests are answered here and never forwarded.
/// </summary>
internal sealed partial class AupMiddleware
{
    private const string RejectedDecision = "Rejected";
    private const string AllowedDecision = "Allowed";

    private readonly RequestDelegate _next;
    private readonly IOptionsMonitor<AupOptions> _options;
    private readonly IAupStore _store;
    private readonly AupMetrics _metrics;
    private readonly RefusalLogThrottle _refusalLog;
    private readonly ILogger<AupMiddleware> _logger;

    public AupMiddleware(
        RequestDelegate next,
        IOptionsMonitor<AupOptions> options,
        IAupStore store,
        AupMetrics metrics,
        RefusalLogThrottle refusalLog,
        ILogger<AupMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(refusalLog);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _options = options;
        _store = store;
        _metrics = metrics;
        _refusalLog = refusalLog;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var options = _options.CurrentValue;
        if (!options.Enabled)
        {
            return _next(context);
        }

        var identity = UserIdentityResolver.Resolve(context, options.Identity, options.Identity.ParsedTrustedProxies ?? TrustedProxySet.LoopbackOnly);
        if (identity.User is not { } user)
        {
            return identity.Problem is { } problem
                ? RefuseBadRequestAsync(context, problem)
                : RefuseUnidentifiedAsync(context);
        }

        var service = ServiceNameResolver.Resolve(context, options.MaxServiceLength);
        if (service.Service is not { } serviceName)
        {
            return RefuseBadRequestAsync(context, service.Problem!);
        }

        return DecideAsync(context, new AupKey(user, serviceName), options);
    }

    private async Task DecideAsync(HttpContext context, AupKey key, AupOptions options)
    {
        var decision = await RecordAsync(key, options.Window).ConfigureAwait(false);
        switch (decision)
        {
            case AupDecision.Allowed:
                _metrics.RecordDecision(AupOutcome.Allowed, key.Service);
                Log.Allowed(_logger, key.User, key.Service, AllowedDecision);
                await _next(context).ConfigureAwait(false);
                return;

            case AupDecision.Rejected:
                _metrics.RecordDecision(AupOutcome.Rejected, key.Service);
                LogRejected(key, options);
                await RefusalResponder.WriteViolationAsync(context, options.WindowSeconds).ConfigureAwait(false);
                return;

            default:
                await HandleStoreFailureAsync(context, key, options).ConfigureAwait(false);
                return;
        }
    }

    private void LogRejected(AupKey key, AupOptions options)
    {
        if (_refusalLog.ShouldLog(key, options.Window, out var suppressed))
        {
            Log.Rejected(_logger, key.User, key.Service, RejectedDecision, options.WindowSeconds, suppressed);
        }
        else
        {
            Log.RejectedRepeat(_logger, key.User, key.Service, RejectedDecision, options.WindowSeconds);
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

    private Task HandleStoreFailureAsync(HttpContext context, AupKey key, AupOptions options)
    {
        _metrics.RecordDecision(AupOutcome.StoreFailure, key.Service);
        if (options.OnStoreFailure == StoreFailureMode.Allow)
        {
            Log.StoreFailureAllowed(_logger, key.User, key.Service);
            return _next(context);
        }

        Log.StoreFailureRejected(_logger, key.User, key.Service);
        return RefusalResponder.WriteStoreUnavailableAsync(context, RetryAfterStoreFailureSeconds(options));
    }

    // The store is probed again after the breaker's pause: a caller may retry then, not a full window later.
    private static int RetryAfterStoreFailureSeconds(AupOptions options) =>
        Math.Max(1, (int)Math.Ceiling(options.Breaker.BreakMilliseconds / 1000.0));

    private Task RefuseUnidentifiedAsync(HttpContext context)
    {
        Log.Unidentified(_logger, context.Request.Path);
        return RefusalResponder.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
            "The DRRS gateway could not tell which user sent this request, so it was not forwarded.");
    }

    private Task RefuseBadRequestAsync(HttpContext context, string problem)
    {
        Log.BadRequest(_logger, problem);
        return RefusalResponder.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "Bad Request", problem);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "AUP {Decision}: {User} called {Service} again within the window; retry after {RetryAfterSeconds} s ({SuppressedRefusals} more refusals of this pair since its last logged one)")]
        public static partial void Rejected(ILogger logger, string user, string service, string decision, int retryAfterSeconds, long suppressedRefusals);

        // Further refusals of a pair within a window: Debug, so a flood cannot drown the log or slow it down.
        [LoggerMessage(7, LogLevel.Debug, "AUP {Decision}: {User} called {Service} again within the window; retry after {RetryAfterSeconds} s")]
        public static partial void RejectedRepeat(ILogger logger, string user, string service, string decision, int retryAfterSeconds);

        [LoggerMessage(2, LogLevel.Debug, "AUP {Decision}: {User} called {Service}")]
        public static partial void Allowed(ILogger logger, string user, string service, string decision);

        [LoggerMessage(3, LogLevel.Debug, "AUP store unavailable: forwarding {User} calling {Service} unchecked (OnStoreFailure=Allow)")]
        public static partial void StoreFailureAllowed(ILogger logger, string user, string service);

        [LoggerMessage(4, LogLevel.Debug, "AUP store unavailable: refusing {User} calling {Service} (OnStoreFailure=Reject)")]
        public static partial void StoreFailureRejected(ILogger logger, string user, string service);

        [LoggerMessage(5, LogLevel.Information, "AUP refused a request to {Path} with no user identity")]
        public static partial void Unidentified(ILogger logger, PathString path);

        [LoggerMessage(6, LogLevel.Information, "AUP refused a request it cannot key: {Reason}")]
        public static partial void BadRequest(ILogger logger, string reason);
    }
}
