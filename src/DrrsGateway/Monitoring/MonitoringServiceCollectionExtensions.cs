using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.AcceptableUse.Stores.Redis;
using DrrsGateway.Management;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace DrrsGateway.Monitoring;

/// <summary>Registers the gauges the shipped alerts and dashboard read (deploy/monitoring).</summary>
public static class MonitoringServiceCollectionExtensions
{
    /// <summary>How often the readiness checks run for the readiness gauge; the kustomize base probes as often.</summary>
    public static readonly TimeSpan ReadinessPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Adds the <see cref="MonitoringMetrics.MeterName"/> meter to the exported metrics, the refusal streaks
    /// the policy reports to, and a run of the readiness checks every <see cref="ReadinessPeriod"/>.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayMonitoring(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<MonitoringOptions, MonitoringOptionsValidator>()
            .Bind(builder.Configuration.GetSection(MonitoringOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<RefusalStreaks>();
        services.AddSingleton<IAupOutcomeObserver>(sp => sp.GetRequiredService<RefusalStreaks>());
        services.AddSingleton<ReadinessPublisher>();
        services.AddSingleton<IHealthCheckPublisher>(sp => sp.GetRequiredService<ReadinessPublisher>());

        // The gateway has no other publisher, so these options, which apply to all, are the readiness gauge's.
        services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            // From start-up on, so the gauge is exported from the first scrape.
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = ReadinessPeriod;
            publisher.Predicate = check => check.Tags.Contains(HealthEndpointExtensions.ReadinessTag);
        });
        services.AddSingleton(sp => new MonitoringMetrics(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredService<RefusalStreaks>(),
            sp.GetRequiredService<ReadinessPublisher>(),
            sp.GetService<StoreCircuitBreaker>()));

        // Created with the meter provider, so the gauges exist before anything else asks for them.
        services.ConfigureOpenTelemetryMeterProvider((sp, metrics) =>
        {
            _ = sp.GetRequiredService<MonitoringMetrics>();
            metrics.AddMeter(MonitoringMetrics.MeterName);
        });
        return builder;
    }
}
