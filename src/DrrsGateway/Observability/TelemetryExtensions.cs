using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.Management;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DrrsGateway.Observability;

/// <summary>
/// OpenTelemetry wiring: the policy's meter plus ASP.NET Core, outgoing HTTP (YARP's forwarding) and
/// runtime instruments, scraped at <see cref="MetricsPath"/>; OTLP export of metrics and traces only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The standard OpenTelemetry variable whose presence switches OTLP export on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The <c>service.name</c> reported unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "drrs-gateway";

    // YARP 2.x has no meter of its own; it traces forwarding on this ActivitySource.
    private const string YarpActivitySource = "Yarp.ReverseProxy";

    /// <summary>
    /// The ASP.NET Core meters collected: requests (<c>http_server_*</c>), Kestrel's connections and
    /// unhandled exceptions. <c>AddAspNetCoreInstrumentation</c> would also listen to the memory pool (a
    /// measurement on every buffer rented and returned, several per request), routing, authorization and
    /// others nobody reads here; a listened-to instrument costs on every measurement, scraped or not
    /// (about 1–1.5 µs per request, measured in docs/performance.md).
    /// </summary>
    internal static readonly string[] AspNetCoreMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Diagnostics",
    ];

    /// <summary>Adds metrics (always) and tracing (with OTLP only) to the gateway.</summary>
    public static IHostApplicationBuilder AddGatewayTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);

        // Read once: which meters a provider listens to is fixed when it is built.
        var instruments = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();

        // The environment detector runs after AddService so OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win.
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName).AddEnvironmentVariableDetector())
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AupMetrics.MeterName).AddPrometheusExporter();
                if (instruments.AspNetCoreInstrumentation)
                {
                    metrics.AddMeter(AspNetCoreMeters);
                }

                if (instruments.HttpClientInstrumentation)
                {
                    metrics.AddHttpClientInstrumentation();
                }

                if (instruments.RuntimeInstrumentation)
                {
                    metrics.AddRuntimeInstrumentation();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        builder.Services.Replace(ServiceDescriptor.Singleton(new TraceExport(otlp)));

        // Traces have no local reader: without an OTLP collector they would only cost time.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsManagementPath(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource(YarpActivitySource)
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint at <see cref="MetricsPath"/> as a management endpoint.</summary>
    public static IEndpointRouteBuilder MapGatewayMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath).AsManagementEndpoint();
        return endpoints;
    }

    // Probes and scrapes arrive every few seconds and would drown the traces that matter.
    private static bool IsManagementPath(PathString path) =>
        path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(HealthEndpointExtensions.LivenessPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(HealthEndpointExtensions.ReadinessPath, StringComparison.OrdinalIgnoreCase);
}
