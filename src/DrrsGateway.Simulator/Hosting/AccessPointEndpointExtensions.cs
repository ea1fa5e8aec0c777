using DrrsGateway.Simulator.AccessPoints;
using DrrsGateway.Simulator.Metadata;

namespace DrrsGateway.Simulator.Hosting;

/// <summary>Maps CAISO's named access points, <c>/sst/drrs/&lt;Operation&gt;_DRRSv1[_DocAttach]_AP</c>, and their WSDL.</summary>
internal static class AccessPointEndpointExtensions
{
    private const string AccessPointRouteValue = "accessPoint";

    public static IEndpointRouteBuilder MapDrrsAccessPoints(this IEndpointRouteBuilder endpoints, MetadataRequestHandler metadata)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(metadata);
        var handler = endpoints.ServiceProvider.GetRequiredService<AccessPointRequestHandler>();

        // Routing compares the literal segments regardless of case; the catalog does the same for the name.
        endpoints.MapMethods(
            $"{AccessPoint.BasePath}/{{{AccessPointRouteValue}}}",
            [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post],
            context => Answer(context, handler, metadata));
        return endpoints;
    }

    private static Task Answer(HttpContext context, AccessPointRequestHandler handler, MetadataRequestHandler metadata)
    {
        var request = context.Request;
        if (!AccessPointCatalog.TryFind(context.GetRouteValue(AccessPointRouteValue) as string, out var accessPoint))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        var kind = MetadataRequest.KindOf(request);
        if (kind != MetadataKind.None)
        {
            return metadata.HandleAccessPointAsync(context, kind, accessPoint);
        }

        // Unlike the generic endpoint, an access point is only ever called with a SOAP POST.
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return Task.CompletedTask;
        }

        return handler.HandleAsync(context, accessPoint);
    }
}
