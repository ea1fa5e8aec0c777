using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.Admin;
using Microsoft.Extensions.Options;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>
/// Registers the Redis store module: the connection, the policy store and hold mode's slots behind one circuit
/// breaker, the flood shield and its pub/sub invalidation, lock administration, health and the server checks.
/// </summary>
/// <remarks>
/// Key prefix, store timeout, breaker and flood shield are read once, at start-up, into
/// <see cref="RedisStoreSettings"/>; <c>Aup:OnStoreFailure</c> is read from the policy in force where it is used.
/// </remarks>
internal static class RedisStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RedisTlsOptions"/>, validated at start-up whichever store is in use, so that a wrong
    /// path is found before Redis is switched on.
    /// </summary>
    public static IServiceCollection AddRedisTlsSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisTlsOptions>()
            .Bind(configuration.GetSection(RedisTlsOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisTlsOptions>, RedisTlsOptionsValidator>();
        return services;
    }

    public static IServiceCollection AddRedisAupStore(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(sp => StartupSettings(sp.GetRequiredService<IOptions<AupOptions>>().Value));
        services.AddSingleton<RedisConnectionDiagnostics>();

        // Registered first, so it connects (or starts retrying) before the services that use it start.
        // Connection events log as DrrsGateway.Redis, apart from the policy's own outage summary.
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(RedisConnection.LogCategory);
            return new RedisConnection(
                new RedisConnector(RedisConnector.CreateOptions(connectionString, sp), logger),
                sp.GetRequiredService<RedisConnectionDiagnostics>(),
                sp.GetRequiredService<AupPolicyProvider>(),
                sp.GetRequiredService<TimeProvider>(),
                logger);
        });
        services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        services.AddSingleton(sp => new RedisKeyFormat(sp.GetRequiredService<RedisStoreSettings>().KeyPrefix));
        services.AddSingleton<KnownLocks>();
        services.AddSingleton<KnownLockInvalidation>();
        services.AddHostedService(sp => sp.GetRequiredService<KnownLockInvalidation>());
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<RedisStoreSettings>();
            var time = sp.GetRequiredService<TimeProvider>();
            var store = new RedisAupStore(
                sp.GetRequiredService<RedisConnection>(),
                sp.GetRequiredService<RedisKeyFormat>(),
                settings.StoreTimeout,
                time,
                sp.GetRequiredService<ILogger<RedisAupStore>>(),
                settings.FloodShield ? sp.GetRequiredService<KnownLocks>() : null);
            return new StoreCircuitBreaker(store, settings.Breaker, time, sp.GetRequiredService<ILogger<StoreCircuitBreaker>>());
        });
        services.AddSingleton<IAupStore>(sp => sp.GetRequiredService<StoreCircuitBreaker>());
        services.AddSingleton<ILockAdministration, RedisLockAdministration>();
        services.AddSingleton<IAupStoreHealth, RedisStoreHealth>();
        services.AddSingleton<IHoldSlots>(sp => new BreakerHoldSlots(
            new RedisHoldSlots(
                sp.GetRequiredService<RedisConnection>(),
                sp.GetRequiredService<RedisKeyFormat>(),
                sp.GetRequiredService<RedisStoreSettings>().StoreTimeout,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<RedisHoldSlots>>()),
            sp.GetRequiredService<StoreCircuitBreaker>()));
        services.AddHostedService<RedisServerChecks>();
        return services;
    }

    // IOptions<T> is read once: the settings the gateway started with, which a live edit never reaches. Bad
    // values normally stop the gateway earlier, in AupPolicyProvider; checking here keeps the store's settings
    // valid whichever is resolved first.
    private static RedisStoreSettings StartupSettings(AupOptions options)
    {
        var failures = new List<string>();
        var settings = RedisStoreSettings.Create(options, failures);
        return failures.Count == 0 ? settings : throw new OptionsValidationException(Options.DefaultName, typeof(AupOptions), failures);
    }
}
