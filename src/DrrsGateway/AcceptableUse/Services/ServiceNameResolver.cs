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
        var name = FromRoute(context);

        // The operation is already lower-cased and made of XML name characters only (SoapAction); one too
        // long to key by is malformed SOAP, and the path still names the service.
        if (name is null && soapOperation is not null && soapOperation.Length <= maxLength)
        {
            return ServiceResult.Of(soapOperation);
        }

        name ??= LastPathSegment(context.Request.Path);
        if (name is null)
        {
            return ServiceResult.Invalid("The request names no DRRS service.");
        }

        var problem = NameRules.Check(name, maxLength, "service name");
        return problem is null ? ServiceResult.Of(name.ToLowerInvariant()) : ServiceResult.Invalid(problem);
    }

    private static string? FromRoute(HttpContext context)
    {
        var metadata = context.Features.Get<IReverseProxyFeature>()?.Route.Config.Metadata;
        return metadata is not null && metadata.TryGetValue(ServiceMetadataKey, out var service) && !string.IsNullOrWhiteSpace(service)
            ? service.Trim()
            : null;
    }

    internal static string? LastPathSegment(PathString path)
    {
        var span = path.Value.AsSpan().TrimEnd('/');
        if (span.IsEmpty)
        {
            return null;
        }

        return span[(span.LastIndexOf('/') + 1)..].ToString();
    }
}
