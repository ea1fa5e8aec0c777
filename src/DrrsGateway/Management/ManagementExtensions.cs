using System.Globalization;
using DrrsGateway.Infrastructure;
using DrrsGateway.Proxy;

namespace DrrsGateway.Management;

/// <summary>
/// Where the management endpoints (health, readiness, metrics, admin) answer: on the proxy's port by
/// default, or only on <c>Management:Port</c> when set, which Kestrel then listens on as well.
/// </summary>
public static class ManagementExtensions
{
    /// <summary>The setting that moves the management endpoints to a port of their own.</summary>
    public const string PortSetting = "Management:Port";

    private static readonly SettingRange Ports = new(1, 65_535);

    /// <summary>
    /// Reads <see cref="PortSetting"/> (failing start-up with a message naming it when it is not a port) and,
    /// when it is set, makes Kestrel listen on it besides the proxy's own addresses.
    /// </summary>
    public static WebApplicationBuilder AddGatewayManagementPort(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var port = ParsePort(builder.Configuration[PortSetting]);
        builder.Services.AddSingleton(new ManagementPort(port));
        if (port is not { } managementPort)
        {
            return builder;
        }

        // Endpoints from Kestrel:Endpoints replace the urls setting, so the port joins them in code there;
        // otherwise it joins urls, which code-defined endpoints would silently switch off.
        if (builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(managementPort));
        }
        else
        {
            builder.WebHost.UseUrls(ServerUrls.WithManagementPort(
                builder.Configuration["urls"], builder.Configuration["http_ports"], builder.Configuration["https_ports"], managementPort));
        }

        return builder;
    }

    /// <summary>
    /// With a management port, answers management endpoints only there and everything else only elsewhere
    /// (404 otherwise). Call it after routing, before the endpoints run; without a management port it does nothing.
    /// </summary>
    public static IApplicationBuilder UseGatewayManagementPort(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var port = app.ApplicationServices.GetService<ManagementPort>()
            ?? throw new InvalidOperationException(
                "UseGatewayManagementPort needs its services: call builder.AddGatewayManagementPort() when configuring services.");
        return port.Value is { } managementPort ? app.UseMiddleware<ManagementPortMiddleware>(managementPort) : app;
    }

    /// <summary>Marks endpoints as the gateway's own: see <see cref="ManagementEndpointMetadata"/>.</summary>
    internal static TBuilder AsManagementEndpoint<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ManagementEndpointMetadata.Instance);

    private static int? ParsePort(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && Ports.Contains(port))
        {
            return port;
        }

        throw new InvalidOperationException(Ports.Problem(PortSetting, value, "a TCP port"));
    }
}
