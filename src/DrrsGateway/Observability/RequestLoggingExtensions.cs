using Microsoft.Extensions.Options;
using Serilog;

namespace DrrsGateway.Observability;

/// <summary>One structured event per request (status, elapsed, route, user, service, decision, trace id).</summary>
public static class RequestLoggingExtensions
{
    /// <summary>Registers the <c>RequestLog</c> options.</summary>
    public static IHostApplicationBuilder AddGatewayRequestLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RequestLogOptions>()
            .Bind(builder.Configuration.GetSection(RequestLogOptions.SectionName))
            .Validate(options => Enum.IsDefined(options.Level),
                "RequestLog:Level must be one of Verbose, Debug, Information, Warning, Error, Fatal.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// Writes the request event through Serilog. Call it first, so the event covers the whole request;
    /// the route and the policy's decision are read when the request completes.
    /// </summary>
    public static IApplicationBuilder UseGatewayRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetService<IOptions<RequestLogOptions>>()
            ?? throw new InvalidOperationException(
                "UseGatewayRequestLogging needs its services: call builder.AddGatewayRequestLogging() when configuring services.");
        if (!options.Value.Enabled)
        {
            return app;
        }

        var level = options.Value.Level;

        // This host's logger, not the static Log.Logger, which several hosts in one process would share.
        var logger = app.ApplicationServices.GetService<Serilog.ILogger>();
        return app.UseSerilogRequestLogging(requestLog =>
        {
            requestLog.Logger = logger;
            requestLog.GetLevel = (context, _, exception) => RequestLogEnricher.LevelFor(context, exception, level);
            requestLog.EnrichDiagnosticContext = RequestLogEnricher.Enrich;
        });
    }
}
