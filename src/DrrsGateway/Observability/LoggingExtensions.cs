using Serilog;

namespace DrrsGateway.Observability;

/// <summary>Serilog wiring: everything the gateway logs goes through it, configured from <c>Serilog</c>.</summary>
public static class LoggingExtensions
{
    /// <summary>
    /// Replaces the default logging with Serilog read from the <c>Serilog</c> section (compact JSON on
    /// stdout in the shipped appsettings.json); levels and sinks change through configuration alone.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // preserveStaticLogger: each host keeps its own logger instead of sharing the static Log.Logger,
        // so hosts in one process (the in-process tests run many) never log into each other's sinks.
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);
        return builder;
    }
}
