using DrrsGateway.Management;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Admin;

/// <summary>Maps the admin API under <see cref="Prefix"/>.</summary>
public static partial class AdminEndpointRouteBuilderExtensions
{
    /// <summary>Every admin path starts with this; none of them is ever forwarded to DRRS.</summary>
    public const string Prefix = "/admin";

    /// <summary>
    /// Maps the lock endpoints when <c>Admin:ApiKey</c> is set. Either way the whole <see cref="Prefix"/>
    /// is the gateway's: a path it does not serve answers 404 rather than falling through to the proxy.
    /// </summary>
    public static IEndpointRouteBuilder MapLockAdministration(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var options = services.GetService<IOptions<AdminOptions>>()
            ?? throw new InvalidOperationException(
                "MapLockAdministration needs its services: call builder.AddLockAdministration() when configuring services.");
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminEndpointRouteBuilderExtensions));

        // More specific than the proxy's catch-all route, and valid for every method, so it wins for any
        // /admin path the lock endpoints do not take (other methods, other paths).
        endpoints.Map(Prefix + "/{**rest}", NotFound).AsManagementEndpoint();
        if (!options.Value.Enabled)
        {
            Log.Disabled(logger);
            return endpoints;
        }

        var handlers = services.GetRequiredService<LockAdminEndpoints>();
        var locks = endpoints.MapGroup(LockTargetReader.LocksPrefix.TrimEnd('/')).AsManagementEndpoint();
        locks.MapGet("/{user}", new RequestDelegate(handlers.ListAsync));
        locks.MapDelete("/{user}", new RequestDelegate(handlers.ClearAllAsync));
        locks.MapDelete("/{user}/{service}", new RequestDelegate(handlers.ClearAsync));
        Log.Enabled(logger, LockTargetReader.LocksPrefix, services.GetRequiredService<AdminApiKey>().Fingerprint);
        return endpoints;
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.AdminEnabled, LogLevel.Information, "Admin API on at {AdminPath} (key {KeyFingerprint})")]
        public static partial void Enabled(ILogger logger, string adminPath, string keyFingerprint);

        [LoggerMessage(EventIds.AdminDisabled, LogLevel.Information, "Admin API off: set Admin:ApiKey to turn it on")]
        public static partial void Disabled(ILogger logger);
    }
}
