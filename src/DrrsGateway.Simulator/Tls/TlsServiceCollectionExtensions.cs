using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Simulator.Tls;

/// <summary>Registers the optional HTTPS and mutual TLS set-up of Kestrel.</summary>
internal static class TlsServiceCollectionExtensions
{
    public static IServiceCollection AddSimulatorTls(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SimulatorTlsOptions>()
            .BindConfiguration(SimulatorTlsOptions.SectionName)
            .Validate(
                options => options.IsConfigured || !options.ChecksClientCertificates,
                "Simulator:Tls:ClientCaPath needs a server certificate: set Simulator:Tls:CertificatePath too.")
            .ValidateOnStart();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, SimulatorTlsSetup>();
        return services;
    }
}
