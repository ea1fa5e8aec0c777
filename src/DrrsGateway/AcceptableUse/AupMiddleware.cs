using System.Diagnostics;
using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Identity;
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
/// <see cref="AupDecisionApplier"/> applies it, the same way for every outcome; then the request is forwarded or refused.
/// </remarks>
internal sealed class AupMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AupPolicyProvider _policy;
    private readonly IAupStore _store;
    private readonly AupMetrics _metrics;
    private readonly ServiceNames _names;
    private readonly CallHolder _holder;
    private readonly IAupStoreHealth _storeHealth;
    private readonly BackendRefusalAbsorber _absorber;
    private readonly IClusterCertificates _clusterCertificates;
    private readonly AupDecisionApplier _applier;

    public AupMiddleware(
        RequestDelegate next,
        AupPolicyProvider policy,
        IAupStore store,
        AupMetrics metrics,
        ServiceNames names,
        CallHolder holder,
        IAupStoreHealth storeHealth,
        BackendRefusalAbsorber absorber,
        IClusterCertificates clusterCertificates,
        AupDecisionApplier applier)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(holder);
        ArgumentNullException.ThrowIfNull(storeHealth);
        ArgumentNullException.ThrowIfNull(absorber);
        ArgumentNullException.ThrowIfNull(clusterCertificates);
        ArgumentNullException.ThrowIfNull(applier);
        _next = next;
        _policy = policy;
        _store = store;
        _metrics = metrics;
        _names = names;
        _holder = holder;
        _storeHealth = storeHealth;
        _absorber = absorber;
        _clusterCertificates = clusterCertificates;
        _applier = applier;
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
        var decision = _applier.Conclude(context, await DecideAsync(context, policy, route).ConfigureAwait(false), policy);
        if (!decision.Forwards)
        {
            await AupDecisionApplier.RefuseAsync(context, decision, policy.Soap).ConfigureAwait(false);
            return;
        }

        if (!decision.WatchesBackend)
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        var answer = await _absorber.ForwardAsync(context, decision.Key, decision.Call.Window, policy.Hold, decision.Call.IsHeld, decision.HeldFor, _next).ConfigureAwait(false);
        _applier.ConcludeBackendAnswer(context, decision, answer);
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

    /// <summary>On a call hold mode held: how long it waited for its slot, in milliseconds.</summary>
    public const string HeldHeader = "X-Drrs-Held-Ms";
}
