using Microsoft.Extensions.Options;

namespace DrrsGateway.AcceptableUse.Stores.Redis;

/// <summary>Registers the Redis settings of the <c>Redis</c> section and the checks run once Redis answers.</summary>
internal static class RedisStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RedisTlsOptions"/> (validated at start-up, also when the embedded store is in use, so a
    /// wrong path is found before Redis is switched on) and, when <paramref name="redis"/> is true, the
    /// connection diagnostics and <see cref="RedisServerChecks"/>.
    /// </summary>
    public static IServiceCollection AddRedisStoreSettings(this IServiceCollection services, IConfiguration configuration, bool redis)
    {
        services.AddOptions<RedisTlsOptions>()
            .Bind(configuration.GetSection(RedisTlsOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisTlsOptions>, RedisTlsOptionsValidator>();
        services.AddSingleton<RedisConnectionDiagnostics>();
        if (redis)
        {
            services.AddHostedService<RedisServerChecks>();
        }

        return services;
    }
}
