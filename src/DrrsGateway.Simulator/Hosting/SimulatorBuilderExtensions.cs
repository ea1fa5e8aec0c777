using DrrsGateway.Simulator.AccessPoints;
using DrrsGateway.Simulator.Aup;
using DrrsGateway.Simulator.Counting;
using DrrsGateway.Simulator.Metadata;
using DrrsGateway.Simulator.Operations;
using DrrsGateway.Simulator.Tls;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DrrsGateway.Simulator.Hosting;

/// <summary>Registers the simulator's services.</summary>
internal static class SimulatorBuilderExtensions
{
    public static IHostApplicationBuilder AddDrrsSimulator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RequestCounter>();
        builder.Services.AddSimulatorAup();
        builder.Services.AddSimulatorTls();
        builder.Services.AddSingleton<OperationRequestHandler>();
        builder.Services.AddSingleton<AccessPointRequestHandler>();
        builder.Services.AddSingleton<MetadataRequestHandler>();
        builder.Services.AddHealthChecks();
        return builder;
    }
}
