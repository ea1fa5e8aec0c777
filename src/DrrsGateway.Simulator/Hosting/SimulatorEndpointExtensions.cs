using DrrsGateway.Simulator.Callers;
using DrrsGateway.Simulator.Counting;
using DrrsGateway.Simulator.Metadata;
using DrrsGateway.Simulator.Operations;

namespace DrrsGateway.Simulator.Hosting;

/// <summary>
/// Puts the request counter in front of everything and maps the DRRS operations (the generic endpoint and the
/// named access points), their WSDL, the health endpoint and the control endpoint.
/// </summary>
internal static class SimulatorEndpointExtensions
{
    /// <summary>Liveness: 200 while the process serves requests.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>
    /// The generic endpoint (Actional's path at other operators, never CAISO's, which uses named access points):
    /// the operation follows as a path segment or in the SOAP request. Kept for the clients and tests built on it.
    /// </summary>
    public const string ServicePath = "/sst/runtime.asvc";

    private const string OperationRouteValue = "operation";

    public static WebApplication MapDrrsSimulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var operations = app.Services.GetService<OperationRequestHandler>()
            ?? throw new InvalidOperationException(
                "MapDrrsSimulator needs the simulator's services: call builder.AddDrrsSimulator() when configuring services.");
        var metadata = app.Services.GetRequiredService<MetadataRequestHandler>();

        app.UseMiddleware<RequestCounterMiddleware>(new[] { new PathString(HealthPath), new PathString(CallsEndpointExtensions.ControlPath) });
        app.UseMiddleware<PathParameterMiddleware>();

        // Explicit, so routing sees the path without its path parameters.
        app.UseRouting();
        app.MapHealthChecks(HealthPath);
        app.MapSimulatorCalls();

        // GET answers the operation too, so a person can try one with a bare curl.
        app.MapMethods(
            $"{ServicePath}/{{{OperationRouteValue}}}",
            [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post],
            context => Answer(context, context.GetRouteValue(OperationRouteValue) as string, operations, metadata));
        app.MapMethods(
            ServicePath,
            [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post],
            context => Answer(context, pathOperation: null, operations, metadata));
        app.MapDrrsAccessPoints(metadata);
        return app;
    }

    private static Task Answer(HttpContext context, string? pathOperation, OperationRequestHandler operations, MetadataRequestHandler metadata)
    {
        var request = context.Request;
        var kind = MetadataRequest.KindOf(request);
        if (kind != MetadataKind.None)
        {
            return metadata.HandleAsync(context, kind, pathOperation);
        }

        // HEAD is only for metadata; GET on the bare service path names no operation.
        if (HttpMethods.IsHead(request.Method) || (pathOperation is null && !HttpMethods.IsPost(request.Method)))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = pathOperation is null ? "POST" : "GET, POST";
            return Task.CompletedTask;
        }

        return operations.HandleAsync(context, pathOperation);
    }
}
