using Yarp.ReverseProxy.Configuration;

namespace DrrsBenchmarks;

/// <summary>
/// What every .NET reference row of the benchmark shares: YARP with the gateway's route and cluster (one
/// catch-all route <c>drrs</c> to one destination, the backend named by <c>BENCH_BACKEND</c>), logging at
/// Warning and nothing else: no telemetry, no request log.
/// </summary>
public static class ReferenceProxy
{
    /// <summary>Adds YARP with the gateway's route and cluster and quiets logging.</summary>
    public static WebApplicationBuilder AddReferenceProxy(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var backend = builder.Configuration["BENCH_BACKEND"]
            ?? throw new InvalidOperationException("BENCH_BACKEND must name the backend, e.g. http://127.0.0.1:8080/.");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "drrs", ClusterId = "drrs", Match = new RouteMatch { Path = "/{**catch-all}" } }],
            [new ClusterConfig
            {
                ClusterId = "drrs",
                Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = backend } },
            }]);
        return builder;
    }
}
