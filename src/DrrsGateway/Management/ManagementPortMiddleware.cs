namespace DrrsGateway.Management;

/// <summary>
/// Keeps the management port and the proxy port apart: management endpoints answer only on the
/// management port, and nothing else does. Runs after routing, so it judges the matched endpoint.
/// </summary>
/// <remarks>
/// It compares the port the connection arrived on, not the <c>Host</c> header (which <c>RequireHost</c>
/// reads): a caller on the proxy port chooses its Host header, so that could not keep metrics or the
/// admin API off the proxy port; and port-forwards rewrite the Host port.
/// </remarks>
internal sealed class ManagementPortMiddleware
{
    private readonly RequestDelegate _next;
    private readonly int _port;

    public ManagementPortMiddleware(RequestDelegate next, int port)
    {
        ArgumentNullException.ThrowIfNull(next);
        _next = next;
        _port = port;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var isManagementEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null;
        var onManagementPort = context.Connection.LocalPort == _port;
        if (isManagementEndpoint == onManagementPort)
        {
            return _next(context);
        }

        // Neither forwarded nor answered: to this port the path does not exist.
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
