using Yarp.ReverseProxy.Model;

namespace DrrsGateway.AcceptableUse.Services;

/// <summary>
/// Tells which DRRS service a request calls: the route's <c>AupService</c> metadata when present, else the
/// operation its SOAP action names, else the last non-empty path segment. Names are lower-cased so services
/// compare case-insensitively, and an operation reached by path or by SOAP action is one service.
/// </summary>
internal static class ServiceNameResolver
{
    /// <summary>Route metadata key naming the service for every request on that route.</summary>
    public const string ServiceMetadataKey = "AupService";

    public static ServiceResult Resolve(HttpContext context, string? soapOperation, int maxLength)
    {
        if (FromRoute(context) is { } pinned)
        {
            return Checked(pinned.AsSpan().Trim(), maxLength);
        }

        var segment = LastPathSegment(context.Request.Path);

        // The operation is already lower-cased and made of XML name characters only (SoapAction); one too
        // long to key by is malformed SOAP, and the path still names the service.
        if (soapOperation is not null && soapOperation.Length <= maxLength)
        {
            // A path that names an operation itself (…/submitDRRSLocations_v1) is what a path-routed DRRS
            // runs: a different action there would let a caller rotate actions to dodge the lock.
            if (IsOperationShaped(segment) && !segment.Equals(soapOperation, StringComparison.OrdinalIgnoreCase))
            {
                return ServiceResult.Invalid("The SOAP action and the request path name different operations.");
            }

            return ServiceResult.Of(soapOperation);
        }

        return segment.IsEmpty ? ServiceResult.Invalid("The request names no DRRS service.") : Checked(segment, maxLength);
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

    /// <summary>Whether a path segment names a versioned operation, like <c>retrieveDRRSLocations_v1</c>.</summary>
    internal static bool IsOperationShaped(ReadOnlySpan<char> segment)
    {
        var version = segment.LastIndexOf("_v", StringComparison.OrdinalIgnoreCase);
        return version > 0 && version + 2 < segment.Length && !segment[(version + 2)..].ContainsAnyExceptInRange('0', '9');
    }

    private static ReadOnlySpan<char> LastPathSegment(PathString path)
    {
        var span = path.Value.AsSpan().TrimEnd('/');
        return span[(span.LastIndexOf('/') + 1)..];
    }
}
