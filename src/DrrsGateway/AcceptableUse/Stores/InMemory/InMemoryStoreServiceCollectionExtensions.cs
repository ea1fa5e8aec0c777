using DrrsGateway.AcceptableUse.Hold;
using DrrsGateway.Admin;

namespace DrrsGateway.AcceptableUse.Stores.InMemory;

/// <summary>Registers the embedded store module: the lock table, hold mode's slots, their administration and health.</summary>
internal static class InMemoryStoreServiceCollectionExtensions
{
    public static IServiceCollection AddInMemoryAupStore(this IServiceCollection services)
    {
        services.AddSingleton<InMemoryAupStore>();
        services.AddSingleton<IAupStore>(sp => sp.GetRequiredService<InMemoryAupStore>());
        services.AddSingleton<ILockAdministration, InMemoryLockAdministration>();
        services.AddSingleton<IAupStoreHealth, InMemoryStoreHealth>();
        services.AddSingleton<InMemoryHoldSlots>();
        services.AddSingleton<IHoldSlots>(sp => sp.GetRequiredService<InMemoryHoldSlots>());
        return services;
    }
}
