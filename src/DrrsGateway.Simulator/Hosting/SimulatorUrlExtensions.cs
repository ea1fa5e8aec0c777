namespace DrrsGateway.Simulator.Hosting;

/// <summary>Chooses where the simulator listens when the environment does not say.</summary>
internal static class SimulatorUrlExtensions
{
    /// <summary>
    /// The address the gateway's default cluster destination points at. The default is
    /// <c>http://127.0.0.1:5080</c>.
    /// </summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Listens on <see cref="DefaultUrl"/> unless the configuration names an address.</summary>
    /// <remarks>
    /// Done in code rather than as <c>"Urls"</c> in appsettings.json: the file would outrank
    /// <c>ASPNETCORE_URLS</c> and silence <c>ASPNETCORE_HTTP_PORTS</c>, which container images set.
    /// </remarks>
    public static WebApplicationBuilder UseDefaultSimulatorUrl(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!NamesAnAddress(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        return builder;
    }

    /// <summary>True when <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> or <c>ASPNETCORE_HTTPS_PORTS</c> is set.</summary>
    internal static bool NamesAnAddress(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey]);
}
