using DrrsGateway.AcceptableUse;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Routes;
using DrrsGateway.Observability;
using DrrsGateway.Proxy.BackendTls;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Forwarder;

namespace DrrsGateway.Proxy;

/// <summary>YARP wiring: routes and clusters come from the standard <c>ReverseProxy</c> section.</summary>
public static class ReverseProxyExtensions
{
    /// <summary>
    /// Adds YARP configured from <c>ReverseProxy</c>, with each cluster's TLS toward its backends (client
    /// certificate, CA bundle) from its metadata: see docs/backend-tls.md.
    /// </summary>
    public static IHostApplicationBuilder AddDrrsReverseProxy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<AupRouteConfigFilter>()
            .AddConfigFilter<BackendTlsConfigFilter>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServerCertificateRefusals>();
        builder.Services.AddSingleton<BackendTlsClusters>();
        builder.Services.AddSingleton<IClusterCertificates, ClusterCertificates>();
        builder.Services.AddSingleton<IForwarderHttpClientFactory, BackendTlsForwarderHttpClientFactory>();
        // No trace export unless the telemetry registration says otherwise (it replaces this one).
        builder.Services.TryAddSingleton(new TraceExport(false));
        return builder;
    }

    /// <summary>
    /// Maps the proxy routes with the policy first in YARP's pipeline, where the matched route and its
    /// metadata are known, followed by YARP's own load-balancing and health steps, and last the line that says
    /// why a forward failed in TLS.
    /// </summary>
    public static IEndpointRouteBuilder MapDrrsReverseProxy(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapReverseProxy(proxy =>
        {
            proxy.UseAcceptableUsePolicy();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
            proxy.UseMiddleware<BackendTlsFailureLogMiddleware>();
        });
        return endpoints;
    }
}
