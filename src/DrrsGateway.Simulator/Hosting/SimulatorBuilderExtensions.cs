using DrrsGateway.Simulator.AccessPoints;
using DrrsGateway.Simulator.Aup;
using DrrsGateway.Simulator.Callers;
using DrrsGateway.Simulator.Counting;
using DrrsGateway.Simulator.Metadata;
using DrrsGateway.Simulator.Operations;
using DrrsGateway.Simulator.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DrrsGateway.Simulator.Hosting;

/// <summary>Registers the simulator's services.</summary>
internal static class SimulatorBuilderExtensions
{
    public static IHostApplicationBuilder AddDrrsSimulator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RequestCounter>();
        builder.Services.AddOptions<SimulatorAupOptions>()
            .BindConfiguration(SimulatorAupOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AupWindows>();
        builder.Services.AddSingleton<CallLedger>();
        builder.Services.AddSingleton<AupGate>();
        builder.Services.AddOptions<SimulatorTlsOptions>()
            .BindConfiguration(SimulatorTlsOptions.SectionName)
            .Validate(
                options => options.IsConfigured || !options.ChecksClientCertificates,
                "Simulator:Tls:ClientCaPath needs a server certificate: set Simulator:Tls:CertificatePath too.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>, SimulatorTlsSetup>();
        builder.Services.AddSingleton<OperationRequestHandler>();
        builder.Services.AddSingleton<AccessPointRequestHandler>();
        builder.Services.AddSingleton<MetadataRequestHandler>();
        builder.Services.AddHealthChecks();
        return builder;
    }
}
