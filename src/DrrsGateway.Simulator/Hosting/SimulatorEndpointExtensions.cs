using DrrsGateway.Simulator.Counting;
using DrrsGateway.Simulator.Operations;

namespace DrrsGateway.Simulator.Hosting;

/// <summary>Puts the request counter in front of everything and maps the DRRS operations and the health endpoint.</summary>
internal static class SimulatorEndpointExtensions
{
    /// <summary>Liveness: 200 while the process serves requests.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Where CAISO addresses its B2B services; the operation follows as a path segment or in the SOAP action.</summary>
    public const string ServicePath = "/sst/runtime.asvc";

    private const string OperationRouteValue = "operation";

    public static WebApplication MapDrrsSimulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var handler = app.Services.GetService<OperationRequestHandler>()
            ?? throw new InvalidOperationException(
                "MapDrrsSimulator needs the simulator's services: call builder.AddDrrsSimulator() when configuring services.");

        app.UseMiddleware<RequestCounterMiddleware>(new PathString(HealthPath));
        app.MapHealthChecks(HealthPath);

        // GET answers too, so a person can try an operation with a bare curl.
        app.MapMethods(
            $"{ServicePath}/{{{OperationRouteValue}}}",
            [HttpMethods.Get, HttpMethods.Post],
            context => handler.HandleAsync(context, context.GetRouteValue(OperationRouteValue) as string));
        app.MapPost(ServicePath, context => handler.HandleAsync(context, pathOperation: null));
        return app;
    }
}
