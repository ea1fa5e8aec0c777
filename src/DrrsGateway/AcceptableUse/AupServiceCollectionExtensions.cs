using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Services;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores.InMemory;
using DrrsGateway.AcceptableUse.Stores.Redis;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DrrsGateway.AcceptableUse;

/// <summary>Registers the Acceptable Use Policy and the store it keeps its locks in.</summary>
public static class AupServiceCollectionExtensions
{
    /// <summary>The connection string that switches the policy from the embedded store to Redis.</summary>
    public const string RedisConnectionName = "Redis";

    /// <summary>
    /// Adds the policy: settings from the <c>Aup</c> section (built into a policy at start-up, which fails
    /// on a bad value) and its store, chosen here once: Redis when <c>ConnectionStrings:Redis</c> is set,
    /// else the embedded in-memory store.
    /// </summary>
    public static IHostApplicationBuilder AddAcceptableUsePolicy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AupOptions>().Bind(builder.Configuration.GetSection(AupOptions.SectionName));
        services.AddSingleton<IPostConfigureOptions<AupOptions>, ScalarListBinding>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AupPolicyBuilder>();
        services.AddSingleton<AupPolicyProvider>();
        services.AddSingleton<AupMarkerService>();
        services.AddSingleton<ServiceNames>();
        services.AddSingleton<ServiceNameResolver>();
        services.AddMetrics();
        services.AddSingleton<AupMetrics>();
        services.AddSingleton<RefusalLogThrottle>();
        services.AddSingleton<StoreDecider>();
        services.AddSingleton<HoldDecider>();
        services.AddSingleton<AupDecider>();
        services.AddSingleton<AupDecisionApplier>();
        services.AddSingleton<CallHolder>();
        services.AddSingleton<BackendRefusalAbsorber>();
        services.TryAddSingleton<IClusterCertificates, NoClusterCertificates>();
        services.TryAddSingleton<IAupOutcomeObserver, NoOutcomeObserver>();
        AddClientCertificates(services);

        services.AddRedisTlsSettings(builder.Configuration);
        var redis = builder.Configuration.GetConnectionString(RedisConnectionName);
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddInMemoryAupStore();
        }
        else
        {
            services.AddRedisAupStore(redis);
        }

        // After the store's own start-up work, so it reports what the store managed.
        services.AddHostedService<AupStartupReport>();

        return builder;
    }

    // Kestrel asks for certificates as Aup:Identity:ClientCertificate:Mode says; a proxy's forwarded
    // certificate is read from ForwardedHeader (see AupApplicationBuilderExtensions for who is believed).
    private static void AddClientCertificates(IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, ClientCertificateKestrelSetup>();
        services.AddCertificateForwarding(_ => { });
        services.AddOptions<CertificateForwardingOptions>()
            .Configure<AupPolicyProvider>((forwarding, policy) =>
            {
                if (policy.Current.Identity.ForwardedCertificateHeader is { } header)
                {
                    forwarding.CertificateHeader = header;
                }

                // The parser returns null for anything that is not exactly one certificate: no identity.
                forwarding.HeaderConverter = value => ForwardedCertificateParser.Parse(value)!;
            });
    }
}
