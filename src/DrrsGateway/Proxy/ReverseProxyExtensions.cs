using DrrsGateway.AcceptableUse;
using Yarp.ReverseProxy.Forwarder;
using DrrsGateway.AcceptableUse.Routes;

namespace DrrsGateway.Proxy;

/// <summary>YARP wiring: routes and clusters come from the standard <c>ReverseProxy</c> section.</summary>
public static class ReverseProxyExtensions
{
    /// <summary>Adds YARP configured from <c>ReverseProxy</c>.</summary>
    public static IHostApplicationBuilder AddDrrsReverseProxy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<AupRouteConfigFilter>();
        builder.Services.AddSingleton<IForwarderHttpClientFactory, Utf8ForwarderHttpClientFactory>();
        return builder;
    }

    /// <summary>
    /// Maps the proxy routes with the policy first in YARP's pipeline, where the matched route and its
    /// metadata are known, followed by YARP's own load-balancing and health steps.
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
        });
        return endpoints;
    }
}
