using DrrsGateway.AcceptableUse.Decisions;
using DrrsGateway.AcceptableUse.Identity;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores.Breaker;
using DrrsGateway.AcceptableUse.Stores.InMemory;
using DrrsGateway.AcceptableUse.Stores.Redis;
using DrrsGateway.AcceptableUse.Stores;
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
    /// Adds the policy: options from the <c>Aup</c> section (validated at start-up) and the Redis store when
    /// <c>ConnectionStrings:Redis</c> is set, else the embedded in-memory store.
    /// </summary>
    public static IHostApplicationBuilder AddAcceptableUsePolicy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AupOptions>()
            .Bind(builder.Configuration.GetSection(AupOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<AupOptions>, AupOptionsSetup>();
        services.AddSingleton<IValidateOptions<AupOptions>, AupOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AupMarkerService>();
        services.AddMetrics();
        services.AddSingleton<AupMetrics>();
        services.AddSingleton<RefusalLogThrottle>();
        services.AddSingleton<AupSettings>();
        AddClientCertificates(services);

        var redis = builder.Configuration.GetConnectionString(RedisConnectionName);
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<InMemoryAupStore>();
            services.AddSingleton<IAupStore>(sp => sp.GetRequiredService<InMemoryAupStore>());
        }
        else
        {
            // Registered first, so it connects (or starts retrying) before the services that use it start.
            // Connection events log as DrrsGateway.Redis, apart from the policy's own outage summary.
            services.AddSingleton(sp =>
            {
                var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(RedisConnection.LogCategory);
                return new RedisConnection(
                    new RedisConnector(RedisConnector.CreateOptions(redis, sp), logger),
                    sp.GetRequiredService<IOptions<AupOptions>>().Value.OnStoreFailure,
                    sp.GetRequiredService<TimeProvider>(),
                    logger);
            });
            services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
            services.AddSingleton<KnownLocks>();
            services.AddSingleton(sp => new KnownLockInvalidation(
                sp.GetRequiredService<RedisConnection>(),
                sp.GetRequiredService<KnownLocks>(),
                sp.GetRequiredService<IOptions<AupOptions>>().Value.KeyPrefix,
                sp.GetRequiredService<ILogger<KnownLockInvalidation>>()));
            services.AddHostedService(sp => sp.GetRequiredService<KnownLockInvalidation>());
            services.AddSingleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<AupOptions>>().Value;
                var time = sp.GetRequiredService<TimeProvider>();
                var redisStore = new RedisAupStore(
                    sp.GetRequiredService<RedisConnection>(),
                    new RedisKeyFormat(options.KeyPrefix),
                    TimeSpan.FromMilliseconds(options.StoreTimeoutMilliseconds),
                    time,
                    sp.GetRequiredService<ILogger<RedisAupStore>>(),
                    options.FloodShield ? sp.GetRequiredService<KnownLocks>() : null);
                return new StoreCircuitBreaker(redisStore, options.Breaker, time, sp.GetRequiredService<ILogger<StoreCircuitBreaker>>());
            });
            services.AddSingleton<IAupStore>(sp => sp.GetRequiredService<StoreCircuitBreaker>());
        }

        services.AddHostedService<AupStartupReport>();
        services.AddRedisStoreSettings(builder.Configuration, redis: !string.IsNullOrWhiteSpace(redis));
        return builder;
    }

    // Kestrel asks for certificates as Aup:Identity:ClientCertificate:Mode says; a proxy's forwarded
    // certificate is read from ForwardedHeader (see AupApplicationBuilderExtensions for who is believed).
    private static void AddClientCertificates(IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, ClientCertificateKestrelSetup>();
        services.AddCertificateForwarding(_ => { });
        services.AddOptions<CertificateForwardingOptions>()
            .Configure<IOptions<AupOptions>>((forwarding, aup) =>
            {
                if (aup.Value.Identity.ClientCertificate.ForwardedHeader is { Length: > 0 } header)
                {
                    forwarding.CertificateHeader = header;
                }

                // The parser returns null for anything that is not exactly one certificate: no identity.
                forwarding.HeaderConverter = value => ForwardedCertificateParser.Parse(value)!;
            });
    }
}
