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

        // ILockAdministration comes with the store module the policy registered.
        services.AddSingleton(sp => new AdminApiKey(sp.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey!));
        services.AddSingleton<LockAdminEndpoints>();
        return builder;
    }
}
