using DrrsGateway.Simulator.Callers;

namespace DrrsGateway.Simulator.Aup;

/// <summary>Registers the policy, its gate and the call ledger every operation call passes through.</summary>
internal static class AupServiceCollectionExtensions
{
    public static IServiceCollection AddSimulatorAup(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SimulatorAupOptions>()
            .BindConfiguration(SimulatorAupOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AupWindows>();
        services.AddSingleton<CallLedger>();
        services.AddSingleton<AupGate>();
        return services;
    }
}
