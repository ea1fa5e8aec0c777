namespace DrrsGateway.Hosting;

/// <summary>The gateway's own endpoints, answered before and apart from the proxy and the policy.</summary>
public static class HealthEndpointExtensions
{
    /// <summary>Liveness: 200 while the process serves requests. Never limited, never proxied.</summary>
    public const string LivenessPath = "/healthz";

    /// <summary>Registers the health-check services.</summary>
    public static IHostApplicationBuilder AddGatewayHealthChecks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>Maps <see cref="LivenessPath"/>.</summary>
    public static IEndpointRouteBuilder MapGatewayHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Liveness runs no checks: a Redis outage must not get healthy replicas restarted.
        endpoints.MapHealthChecks(LivenessPath, new() { Predicate = _ => false });
        return endpoints;
    }
}
