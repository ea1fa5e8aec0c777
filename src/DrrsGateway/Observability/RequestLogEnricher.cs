using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.Management;
using Serilog;
using Serilog.Events;
using Yarp.ReverseProxy.Model;

namespace DrrsGateway.Observability;

/// <summary>What the request log adds to Serilog's event, and at which level it writes it.</summary>
internal static class RequestLogEnricher
{
    /// <summary>Adds the proxy route and the policy's decision, when there were any.</summary>
    public static void Enrich(IDiagnosticContext diagnostics, HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is { } route)
        {
            diagnostics.Set("RouteId", route.Config.RouteId);
        }

        if (context.Features.Get<IAupDecisionFeature>() is { } decision)
        {
            diagnostics.Set("User", decision.User);
            diagnostics.Set("Service", decision.Service);
            diagnostics.Set("Decision", decision.Decision);
        }
    }

    /// <summary>Server failures at Error, the gateway's own endpoints at Verbose, the rest at <paramref name="level"/>.</summary>
    public static LogEventLevel LevelFor(HttpContext context, Exception? exception, LogEventLevel level)
    {
        // A SOAP refusal is an HTTP 500 by the SOAP binding, yet a policy decision, not a server failure:
        // logged at Error it would write a line per refused request under a flood.
        if (exception is null && context.Features.Get<IAupDecisionFeature>() is { IsRefusal: true })
        {
            return level;
        }

        if (exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            return LogEventLevel.Error;
        }

        return context.GetEndpoint()?.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null
            ? LogEventLevel.Verbose
            : level;
    }
}
