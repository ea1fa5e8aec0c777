using DrrsGateway.AcceptableUse.Settings;
using DrrsGateway.AcceptableUse.Stores.InMemory;
using DrrsGateway.AcceptableUse.Stores.Redis;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Admin;

/// <summary>Registers the admin API: its options and lock administration over the policy's store.</summary>
public static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// Adds the admin API's services, validated at start-up; it answers only when <c>Admin:ApiKey</c> is set.
    /// Call it after <c>AddAcceptableUsePolicy</c>, whose store it administers.
    /// </summary>
    public static IHostApplicationBuilder AddLockAdministration(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AdminOptions>()
            .Bind(builder.Configuration.GetSection(AdminOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();

        // The same store the policy writes to: Redis when a connection is registered, else the embedded table.
        services.AddSingleton<ILockAdministration>(sp => sp.GetService<RedisConnection>() is { } redis
            ? new RedisLockAdministration(redis, new RedisKeyFormat(sp.GetRequiredService<IOptions<AupOptions>>().Value.KeyPrefix), sp.GetRequiredService<KnownLockInvalidation>())
            : new InMemoryLockAdministration(sp.GetRequiredService<InMemoryAupStore>()));
        services.AddSingleton(sp => new AdminApiKey(sp.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey!));
        services.AddSingleton<LockAdminEndpoints>();
        return builder;
    }
}
