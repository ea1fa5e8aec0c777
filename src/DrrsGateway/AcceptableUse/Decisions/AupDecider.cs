using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Routes;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Soap;

namespace DrrsGateway.AcceptableUse.Decisions;

/// <summary>
/// Decides what the policy does with a request, in the order it finds out: metadata reads, who is calling
/// (Identity), which operation (Soap, Services, the envelope when the headers cannot tell), then what the
/// store says, or in hold mode the key's slot. Decides only: nothing is counted, logged or answered here.
/// </summary>
internal sealed class AupDecider(ServiceNameResolver resolver, IClusterCertificates clusterCertificates, StoreDecider store, HoldDecider hold)
{
    public ValueTask<AupDecision> DecideAsync(HttpContext context, AupPolicy policy, AupRouteSettings route)
    {
        if (policy.Soap.ForwardMetadataReads && MetadataRead.Is(context.Request))
        {
            return new(AupDecision.Metadata(new AupCall(route, SoapRequest.None)));
        }

        var call = new AupCall(route, SoapRequest.Read(context.Request, policy.Soap));
        var identity = route.ClusterCertificateIdentity
            ? ClusterCertificateIdentity.Resolve(context, clusterCertificates, policy.Identity)
            : UserIdentityResolver.Resolve(context, policy.Identity);
        if (identity.User is not { } user)
        {
            return new(identity.Problem is { } problem ? AupDecision.BadRequest(call, "", problem) : AupDecision.Unidentified(call));
        }

        if (policy.IsExempt(user))
        {
            return new(AupDecision.Exempt(call, user));
        }

        var service = resolver.Resolve(context, route.Service, call.Soap, policy);
        return service.Kind switch
        {
            ServiceResultKind.Named => DecideKeyedAsync(context, call, policy, new AupKey(user, service.Service!), service.ConfirmEnvelope),
            ServiceResultKind.NeedsEnvelope => DecideFromEnvelopeAsync(context, call, policy, user),
            _ => new(AupDecision.Unkeyed(call, user, service)),
        };
    }

    private async ValueTask<AupDecision> DecideFromEnvelopeAsync(HttpContext context, AupCall call, AupPolicy policy, string user)
    {
        var envelope = await EnvelopeReader.ReadAsync(context, call.Soap.Framing, policy.Soap.MaxEnvelopePeekBytes, policy.Services).ConfigureAwait(false);
        var service = resolver.FromEnvelope(context, call.Soap, envelope, policy);
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
                : await hold.DecideAsync(context, call, policy, key).ConfigureAwait(false);
        }

        var stored = await store.DecideAsync(call, policy, key).ConfigureAwait(false);
        var disagrees = confirmEnvelope && stored.Outcome == AupOutcome.Allowed ? await EnvelopeDisagreesAsync(context, key, call, policy).ConfigureAwait(false) : null;
        return disagrees is { } unkeyed ? AupDecision.Unkeyed(call, key.User, unkeyed) with { Stored = stored.Stored } : stored;
    }

    /// <summary>
    /// Checks, before an allowed call keyed by its path goes to the backend, that its envelope names no other
    /// operation; the window it restarted stays restarted, as for any request.
    /// </summary>
    private async Task<ServiceResult?> EnvelopeDisagreesAsync(HttpContext context, AupKey key, AupCall call, AupPolicy policy)
    {
        var envelope = await EnvelopeReader.ReadAsync(context, call.Soap.Framing, policy.Soap.MaxEnvelopePeekBytes, policy.Services, key.Service).ConfigureAwait(false);
        if (envelope == EnvelopeNames.Empty)
        {
            // Names nothing beyond what keyed the call: the common case, settled without resolving again.
            return null;
        }

        var service = resolver.FromEnvelope(context, call.Soap, envelope, policy);
        if (service.Kind != ServiceResultKind.Named)
        {
            return service;
        }

        return string.Equals(service.Service, key.Service, StringComparison.Ordinal) ? null : ServiceResult.Invalid(ServiceNameResolver.DisagreementProblem);
    }
}
