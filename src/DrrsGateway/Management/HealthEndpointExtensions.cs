using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Management;

/// <summary>The gateway's own endpoints, answered before and apart from the proxy and the policy.</summary>
public static class HealthEndpointExtensions
{
    /// <summary>Liveness: 200 while the process serves requests. Never limited, never proxied.</summary>
    public const string LivenessPath = "/healthz";

    /// <summary>Readiness: 200 when the lock store answers, 503 while Redis is configured and unreachable.</summary>
    public const string ReadinessPath = "/readyz";

    internal const string ReadinessTag = "ready";

    /// <summary>Registers the health-check services and the store readiness check.</summary>
    public static IHostApplicationBuilder AddGatewayHealthChecks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<HealthOptions>()
            .Bind(builder.Configuration.GetSection(HealthOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks()
            .AddCheck<StoreReadinessCheck>("store", tags: [ReadinessTag]);
        return builder;
    }

    /// <summary>Maps <see cref="LivenessPath"/> and <see cref="ReadinessPath"/> as management endpoints.</summary>
    public static IEndpointRouteBuilder MapGatewayHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Read now so a bad Health setting stops start-up before the server listens, not at the first probe.
        _ = endpoints.ServiceProvider.GetRequiredService<IOptions<HealthOptions>>().Value;

        // Liveness runs no checks: a Redis outage must not get healthy replicas restarted.
        endpoints.MapHealthChecks(LivenessPath, new() { Predicate = _ => false }).AsManagementEndpoint();
        endpoints.MapHealthChecks(ReadinessPath, new() { Predicate = check => check.Tags.Contains(ReadinessTag), ResponseWriter = WriteReadinessAsync }).AsManagementEndpoint();
        return endpoints;
    }

    // "Healthy" alone when ready; otherwise the status, then why, so an operator's probe output says it.
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var reasons = report.Entries.Values
            .Where(entry => entry.Status != HealthStatus.Healthy && entry.Description is not null)
            .Select(entry => entry.Description);
        var reason = string.Join(" ", reasons);
        return context.Response.WriteAsync(reason.Length == 0 ? report.Status.ToString() : $"{report.Status}: {reason}");
    }
}
