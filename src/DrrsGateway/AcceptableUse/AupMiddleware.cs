using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Routes;
using DrrsGateway.AcceptableUse.Settings;

namespace DrrsGateway.AcceptableUse;

/// <summary>
/// Enforces the Acceptable Use Policy inside YARP's proxy pipeline: one request per (user, service) per
/// window, every request restarting the window; refused requests are answered here and never forwarded.
/// </summary>
/// <remarks>
/// The flow reads top to bottom: <see cref="AupDecider"/> decides (identity, operation, store or hold) into
/// one <see cref="AupDecision"/>; <see cref="AupDecisionApplier"/> applies it the same way for every outcome;
/// then the request is either forwarded or refused.
/// </remarks>
internal sealed class AupMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AupPolicyProvider _policy;
    private readonly AupDecider _decider;
    private readonly AupDecisionApplier _applier;
    private readonly BackendRefusalAbsorber _absorber;

    public AupMiddleware(RequestDelegate next, AupPolicyProvider policy, AupDecider decider, AupDecisionApplier applier, BackendRefusalAbsorber absorber)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentNullException.ThrowIfNull(applier);
        ArgumentNullException.ThrowIfNull(absorber);
        _next = next;
        _policy = policy;
        _decider = decider;
        _applier = applier;
        _absorber = absorber;
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
        var decision = _applier.Conclude(context, await _decider.DecideAsync(context, policy, route).ConfigureAwait(false), policy);
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

    /// <summary>On a call hold mode held: how long it waited for its slot, in milliseconds.</summary>
    public const string HeldHeader = "X-Drrs-Held-Ms";
}
