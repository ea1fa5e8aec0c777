using DrrsGateway.AcceptableUse.Soap;
using Yarp.ReverseProxy.Model;

namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// Tells which DRRS service a request calls: the operation the backend will run. The route's
/// <c>AupService</c> metadata wins; else a path naming an operation (path parameters such as
/// <c>;jsessionid=…</c> dropped, as servlet containers do); else, for SOAP, the action when it names an
/// operation, else the envelope's WS-Addressing Action, else the first element of its Body — read from the
/// envelope (<see cref="EnvelopeReader"/>), and all of them must agree. Names are lower-cased, so services
/// compare case-insensitively, and an operation reached by path, action or envelope is one service.
/// </summary>
internal static class ServiceNameResolver
{
    /// <summary>Route metadata key naming the service for every request on that route.</summary>
    public const string ServiceMetadataKey = "AupService";

    internal const string DisagreementProblem = "The request path, SOAP action and SOAP envelope name different operations.";
    internal const string NoServiceProblem = "The request names no DRRS service.";

    /// <summary>What the route, path and headers tell, without reading the body.</summary>
    public static ServiceResult Resolve(HttpContext context, SoapRequest soap, AupOptions options)
    {
        if (FromRoute(context) is { } pinned)
        {
            return Checked(pinned.AsSpan().Trim(), options.MaxServiceLength);
        }

        var catalog = options.ParsedServices;
        var segment = OperationSegment(context.Request.Path);
        var action = soap.Operation;
        if (catalog.NamesOperation(segment))
        {
            // A path naming an operation is what a path-routed DRRS runs: an action naming another one would
            // let a caller rotate actions to dodge the lock.
            if (action is not null && !segment.Equals(action, StringComparison.OrdinalIgnoreCase)
                && (catalog.NamesOperation(action) || DrrsOperations.IsVersioned(action)))
            {
                return ServiceResult.Invalid(DisagreementProblem);
            }

            return Checked(segment, options.MaxServiceLength);
        }

        if (catalog.Enabled && DrrsOperations.IsVersioned(segment))
        {
            // An operation-shaped path outside the catalog: refused before any body is read.
            return ServiceResult.Unknown;
        }

        if (soap.Version != SoapVersion.None)
        {
            return action is not null && !options.Soap.VerifyEnvelope && catalog.NamesOperation(action)
                ? Checked(action, options.MaxServiceLength)
                : ServiceResult.NeedsEnvelope;
        }

        if (segment.IsEmpty)
        {
            return ServiceResult.Invalid(NoServiceProblem);
        }

        return catalog.Enabled ? ServiceResult.Unknown : Checked(segment, options.MaxServiceLength);
    }

    /// <summary>
    /// The service of a SOAP request whose path names no operation, from its action and what its envelope
    /// names: every one of them that names an operation must name the same one.
    /// </summary>
    public static ServiceResult FromEnvelope(HttpContext context, SoapRequest soap, EnvelopeNames envelope, AupOptions options)
    {
        if (envelope.Problem is { } problem)
        {
            return ServiceResult.Invalid(problem);
        }

        var catalog = options.ParsedServices;
        string? named = null;
        foreach (var candidate in (ReadOnlySpan<string?>)[soap.Operation, envelope.AddressingOperation, envelope.BodyElement])
        {
            if (candidate is null || !catalog.NamesOperation(candidate))
            {
                continue;
            }

            if (named is not null && !named.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return ServiceResult.Invalid(DisagreementProblem);
            }

            named = candidate;
        }

        if (named is not null)
        {
            return Checked(named, options.MaxServiceLength);
        }

        if (catalog.Enabled)
        {
            return ServiceResult.Unknown;
        }

        // No catalog and no versioned name: what a backend dispatches on first, then the action, then the path.
        if ((envelope.BodyElement ?? soap.Operation) is { } fallback)
        {
            return Checked(fallback, options.MaxServiceLength);
        }

        var segment = OperationSegment(context.Request.Path);
        return segment.IsEmpty ? ServiceResult.Invalid(NoServiceProblem) : Checked(segment, options.MaxServiceLength);
    }

    private static ServiceResult Checked(ReadOnlySpan<char> name, int maxLength)
    {
        // Names in the shared table passed these checks before; the common case allocates nothing.
        if (ServiceNames.Shared.TryGetKnown(name, out var known) && known.Length <= maxLength)
        {
            return ServiceResult.Of(known);
        }

        var problem = NameRules.Check(name.ToString(), maxLength, "service name");
        return problem is null ? ServiceResult.Of(ServiceNames.Shared.Remember(name)) : ServiceResult.Invalid(problem);
    }

    private static string? FromRoute(HttpContext context)
    {
        var metadata = context.Features.Get<IReverseProxyFeature>()?.Route.Config.Metadata;
        return metadata is not null && metadata.TryGetValue(ServiceMetadataKey, out var service) && !string.IsNullOrWhiteSpace(service)
            ? service
            : null;
    }

    /// <summary>
    /// The last path segment that is not empty once its path parameters (<c>;jsessionid=…</c>) are dropped:
    /// servlet containers ignore them, so <c>op_v1;x</c> runs <c>op_v1</c>.
    /// </summary>
    internal static ReadOnlySpan<char> OperationSegment(PathString path)
    {
        var rest = path.Value.AsSpan();
        while (!rest.IsEmpty)
        {
            var slash = rest.LastIndexOf('/');
            var segment = rest[(slash + 1)..];
            var parameters = segment.IndexOf(';');
            if (parameters >= 0)
            {
                segment = segment[..parameters];
            }

            if (!segment.IsEmpty)
            {
                return segment;
            }

            rest = slash < 0 ? default : rest[..slash];
        }

        return default;
    }
}
